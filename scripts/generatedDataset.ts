import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityRecord, NameIndex } from '../lib/dataset/compiled';

/** Node scripts read the compiled dataset from disk; the extension bundles it (lib/dataset/bundledDataset). */
const generated = join(import.meta.dirname, '..', 'data', 'generated');

function readGenerated<T>(name: string): T {
  try {
    return JSON.parse(readFileSync(join(generated, name), 'utf8')) as T;
  } catch {
    console.error(`data/generated/${name} is missing or unreadable: run \`npm run data:build\` first.`);
    process.exit(2);
  }
}

export const readGeneratedNameIndex = () => readGenerated<NameIndex>('name-index.json');
export const readGeneratedRecords = () => readGenerated<EntityRecord[]>('records.json');
