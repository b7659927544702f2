/**
 * `npm run eval [-- FILE.html ...] [--json]`: precision, recall and F1 of the matching on the
 * team's fixture pages (tests/fixtures/eval), against each page's hand-made gold annotations in
 * `<page>.expected.json`, listing every miss and false link.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { placeGold, precisionRecall, scoreMentions, sumScores, type GoldMention, type PageScore } from '../lib/annotate/scoreMentions';
import { buildMatcher } from '../lib/matcher/findMatches';
import { annotateFile } from './annotateFile';
import { readGeneratedNameIndex } from './generatedDataset';

export const EVAL_DIR = join(import.meta.dirname, '..', 'tests', 'fixtures', 'eval');

export interface PageResult extends PageScore {
  page: string;
  style: string;
}

export function evaluatePages(files: string[]): PageResult[] {
  const matcher = buildMatcher(readGeneratedNameIndex());
  return files.map((file) => {
    const expectedFile = file.replace(/\.html?$/, '.expected.json');
    if (!existsSync(expectedFile)) throw new Error(`${file} has no ${basename(expectedFile)} beside it`);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as { style?: string; mentions: GoldMention[] };
    const { text, mentions } = annotateFile(matcher, file);
    const { placed, unplaced } = placeGold(text, expected.mentions);
    const found = mentions.map((m) => ({ text: m.text, start: m.start, end: m.end, entity: m.entity.id }));
    return { page: basename(file), style: expected.style ?? '', ...scoreMentions(found, placed, unplaced) };
  });
}

export function fixturePages(): string[] {
  return readdirSync(EVAL_DIR)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => join(EVAL_DIR, name));
}

const percent = (value: number) => value.toFixed(3);

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const results = evaluatePages(args.length > 0 ? args : fixturePages());
  const total = sumScores(results);
  const overall = precisionRecall(total);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ overall: { ...overall, ...total }, pages: results }));
  } else {
    console.log(`${'page'.padEnd(40)} ${'style'.padEnd(22)} gold  found  P      R      F1`);
    for (const r of results) {
      const { precision, recall, f1 } = precisionRecall(r);
      const gold = r.truePositives + r.falseNegatives;
      const found = r.truePositives + r.falsePositives;
      console.log(`${r.page.padEnd(40)} ${r.style.slice(0, 22).padEnd(22)} ${String(gold).padStart(4)} ${String(found).padStart(6)}  ${percent(precision)}  ${percent(recall)}  ${percent(f1)}`);
    }
    console.log(`${'OVERALL'.padEnd(63)} ${String(total.truePositives + total.falseNegatives).padStart(4)} ${String(total.truePositives + total.falsePositives).padStart(6)}  ${percent(overall.precision)}  ${percent(overall.recall)}  ${percent(overall.f1)}`);
    for (const r of results) {
      if (r.misses.length + r.falseLinks.length + r.unplaced.length === 0) continue;
      console.log(`\n${r.page}`);
      for (const miss of r.misses) console.log(`  miss        ${JSON.stringify(miss.text)} @${miss.start} → ${miss.entity}`);
      for (const link of r.falseLinks) {
        console.log(`  false link  ${JSON.stringify(link.text)} @${link.start} → ${link.entity}${link.expected ? ` (gold: ${link.expected})` : ''}`);
      }
      for (const gold of r.unplaced) console.log(`  GOLD ERROR  ${JSON.stringify(gold.text)} → ${gold.entity} not found in order`);
    }
  }
}
