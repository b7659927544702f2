import recordsJson from '../../data/generated/records.json?raw';
import type { EntityRecord } from './compiled';

/**
 * The records compiled into the extension's pages and background. Kept as JSON text and parsed on
 * demand: JSON.parse of a string is V8's fastest way to load data, and a context that never needs
 * the records never pays. (Content scripts read the name index from the package instead: see
 * packagedNameIndex.ts.)
 */

export function loadBundledRecords(): EntityRecord[] {
  return JSON.parse(recordsJson) as EntityRecord[];
}
