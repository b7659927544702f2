/**
 * `npm run bench:phases`: where the pipeline's time goes on the benchmark's 100k page, step by
 * step, each as a ratio to the text-walk floor measured in the same rounds. A diagnostic for
 * whoever works on speed; `npm run bench` holds the budgets.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../tests/e2e/harness';
import { readGeneratedRecords } from '../generatedDataset';
import { bundlePagePipeline, callBench, launchWithoutExtension, openBenchPage, serveIsolated } from './browsers';
import { syntheticArticle } from './syntheticArticle';

const chars = Number(process.argv[2] ?? 100_000);
const nameIndexJson = readFileSync(join(ROOT, 'data', 'generated', 'name-index.json'), 'utf8');
const pagesDir = mkdtempSync(join(tmpdir(), 'backstory-phases-'));
writeFileSync(join(pagesDir, 'article.html'), syntheticArticle(readGeneratedRecords(), chars, 18).html);
const server = await serveIsolated(pagesDir);
const browser = await launchWithoutExtension();
try {
  const page = await openBenchPage(browser.context, `${server.origin}/article.html`, await bundlePagePipeline());
  await callBench(page, 'loadIndex', nameIndexJson);
  const medians = await callBench(page, 'phaseRuns', 5, 21);
  const floor = medians.floor!;
  console.log(`${chars.toLocaleString('en')}-character page, medians of 21 runs:`);
  for (const [phase, ms] of Object.entries(medians)) console.log(`  ${phase.padEnd(16)} ${ms.toFixed(2).padStart(7)} ms  ${(ms / floor).toFixed(1).padStart(6)}× floor`);
} finally {
  await browser.close();
  await server.close();
  rmSync(pagesDir, { recursive: true, force: true });
}
