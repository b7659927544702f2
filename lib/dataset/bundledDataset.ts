import nameIndexJson from '../../data/generated/name-index.json?raw';
import recordsJson from '../../data/generated/records.json?raw';
import type { EntityRecord, NameIndex } from './compiled';

/**
 * The dataset compiled into the extension. Kept as JSON text and parsed on demand: JSON.parse of
 * a string is V8's fastest way to load data, and a tab that never needs the records never pays.
 */

export function loadBundledNameIndex(): NameIndex {
  return JSON.parse(nameIndexJson) as NameIndex;
}

export function loadBundledRecords(): EntityRecord[] {
  return JSON.parse(recordsJson) as EntityRecord[];
}
