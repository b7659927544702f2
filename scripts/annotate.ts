/**
 * Runs the extension's own pipeline over saved pages:
 *   npm run --silent annotate -- [--format jsonl|csv] [--explain] FILE...
 * HTML files (.html, .htm, .xhtml) are parsed (never executed) and offsets point into the body's
 * textContent; any other file is read as plain text, paragraphs split at blank lines.
 */
import type { DocumentAnnotation } from '../lib/annotate/documentMentions';
import { buildMatcher } from '../lib/matcher/findMatches';
import { annotateFile } from './annotateFile';
import { readGeneratedNameIndex } from './generatedDataset';

const USAGE = 'usage: npm run --silent annotate -- [--format jsonl|csv] [--explain] FILE...';

function fail(message: string): never {
  console.error(`annotate: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let format = 'jsonl';
let explain = false;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--format') format = args[++i] ?? fail(`--format needs a value\n${USAGE}`);
  else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
  else if (arg === '--explain') explain = true;
  else if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (arg.startsWith('--')) fail(`unknown option ${arg}\n${USAGE}`);
  else files.push(arg);
}
if (format !== 'jsonl' && format !== 'csv') fail(`unknown format "${format}" (jsonl or csv)`);
if (files.length === 0) fail(`no files given\n${USAGE}`);

const matcher = buildMatcher(readGeneratedNameIndex());
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

let failed = false;
if (format === 'csv') {
  console.log(['file', 'start', 'end', 'text', 'entity_id', 'entity_name', 'entity_type', ...(explain ? ['reason'] : [])].join(','));
}
for (const file of files) {
  let annotation: DocumentAnnotation;
  try {
    annotation = annotateFile(matcher, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    console.error(`annotate: cannot read ${file}: ${why}`);
    failed = true;
    continue;
  }
  if (format === 'jsonl') {
    const mentions = annotation.mentions.map(({ reason, ...mention }) => (explain ? { ...mention, reason } : mention));
    console.log(JSON.stringify(explain ? { file, mentions, unmarked: annotation.unmarked } : { file, mentions }));
  } else {
    for (const m of annotation.mentions) {
      const row = [file, m.start, m.end, m.text, m.entity.id, m.entity.name, m.entity.type, ...(explain ? [m.reason] : [])];
      console.log(row.map(csvField).join(','));
    }
  }
}
process.exit(failed ? 1 : 0);
