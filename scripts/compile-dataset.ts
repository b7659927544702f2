/**
 * Validates data/entities/*.json and compiles them into data/generated/, the only form the
 * extension and the CLI read. Exits non-zero, naming file, record and field, on any error.
 *   tsx scripts/compile-dataset.ts                 validate everything and write data/generated/
 *   tsx scripts/compile-dataset.ts --only FILE     validate one file (other files' ids are only warned about)
 *   tsx scripts/compile-dataset.ts --draft         compile the records that are valid, reporting the rest (while
 *                                                  several people edit files at once; never used by the build or CI)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { compileDataset } from '../lib/dataset/compileDataset';
import { validateDataset, type DatasetFile } from '../lib/dataset/validateDataset';

const root = join(import.meta.dirname, '..');
const entitiesDir = join(root, 'data', 'entities');
const generatedDir = join(root, 'data', 'generated');

function readDatasetFile(path: string): DatasetFile {
  const file = relative(root, path);
  try {
    return { file, records: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    return { file, records: { invalid: error instanceof Error ? error.message : String(error) } };
  }
}

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const paths = only
  ? [join(process.cwd(), only)]
  : readdirSync(entitiesDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(entitiesDir, name));
const files = paths.map(readDatasetFile);
for (const file of files) {
  const invalid = (file.records as { invalid?: string }).invalid;
  if (invalid) console.error(`${file.file}: not valid JSON: ${invalid}`);
}

const draft = process.argv.includes('--draft');
const report = validateDataset(files, { danglingIsWarning: Boolean(only) || draft });
for (const warning of report.warnings) console.warn(`warning: ${warning}`);
if (report.errors.length > 0 && !draft) {
  for (const error of report.errors) console.error(`error: ${error}`);
  console.error(`\n${report.errors.length} error(s) in the dataset; nothing was written.`);
  process.exit(1);
}
for (const error of draft ? report.errors : []) console.warn(`draft, skipped: ${error}`);
if (only) {
  console.log(`${basename(only)}: ${report.entities.length} records valid`);
  process.exit(0);
}

const stopPhrases = JSON.parse(readFileSync(join(root, 'data', 'stop-phrases.json'), 'utf8')) as { phrase: string }[];
const { nameIndex, records } = compileDataset(report.entities, stopPhrases.map((entry) => entry.phrase));
mkdirSync(generatedDir, { recursive: true });
/**
 * JSON with every non-ASCII character escaped: the extension carries these files as JS strings,
 * and V8 keeps an all-ASCII string at one byte per character (half the memory of the two-byte
 * string a single Pashto or Arabic alias would otherwise force on the whole file).
 */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

writeFileSync(join(generatedDir, 'name-index.json'), asciiJson(nameIndex));
writeFileSync(join(generatedDir, 'records.json'), asciiJson(records));
console.log(
  `dataset: ${records.length} entities, ${nameIndex.aliases.length} aliases from ${files.length} files → data/generated/`,
);
