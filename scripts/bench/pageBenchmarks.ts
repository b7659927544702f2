import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../../tests/e2e/harness';
import { callBench, openBenchPage } from './browsers';
import type { HitTestTimes, IndexLoad, TimedRuns } from './pageApi';
import { formsOf } from '../../lib/dataset/aliasRules';
import type { NameIndex } from '../../lib/dataset/compiled';
import { median, pairedRatio, summarize, type Summary } from './stats';

/**
 * The lib/ pipeline in a browser without the extension: the floor, Backstory, mark.js, hover hit
 * tests and the frame cost of registered highlights, all timed inside the page by the bundle.
 */

const MARK_JS = join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js');

export interface RunCounts {
  warmup: number;
  runs: number;
}

export interface TimedSummary extends Summary {
  /** Main-thread cost of the frame rendered right after the work (median). */
  nextFrameMs: number;
  count: number;
}

export interface ScanBenchmark {
  textLength: number;
  floor: TimedSummary;
  pipeline: TimedSummary;
  /** The pipeline's first run in the page, before V8 has optimised it: what a tab pays once. */
  pipelineColdMs: number;
  markJs: TimedSummary;
  /** mark.js with every name of the dataset, paired with the pipeline's runs (see everyNamePattern). */
  markJsEveryName?: TimedSummary & { overPipeline: number; names: number };
  /** Medians of the per-round ratios (see pairedRatio): pipeline ÷ floor, mark.js ÷ pipeline, and of their next frames. */
  ratios: { pipelineOverFloor: number; markJsOverPipeline: number; markJsFrameOverPipelineFrame: number };
  /** Distinct names (as written on the page) in mark.js's regular expression. */
  markJsNames: number;
  hitTest?: { hitTest: Summary; caretOnly: Summary; hits: number; points: number; mentions: number };
}

const timedSummary = (runs: TimedRuns): TimedSummary => ({
  ...summarize(runs.times),
  nextFrameMs: median(runs.nextFrameMs),
  count: runs.count,
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One alternation of the names Backstory marked, longest first so that a full name wins over its
 * surname, bounded by non-letters (a bare \b only knows ASCII letters), case-insensitive.
 */
export function namesPattern(names: readonly string[]): { pattern: string; flags: string } {
  const alternatives = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { pattern: `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags: 'giu' };
}

/**
 * Every alias of the dataset as it is written, as one case-sensitive alternation bounded by
 * non-letters: mark.js set up to mark the dataset's names, knowing nothing of the page, as DESIGN
 * §5's reference figures were measured (5k aliases). Case-sensitive, or "IS" and "US" would mark
 * every "is" and "us". Names in scripts other than Latin are left out, as the page has none.
 */
export function everyNamePattern(nameIndexJson: string): { pattern: string; flags: string; names: number } {
  const index = JSON.parse(nameIndexJson) as NameIndex;
  const names = [...new Set(index.aliases.map(formsOf))].filter((name) => /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}]+$/u.test(name));
  const alternatives = names.sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { pattern: `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags: 'gu', names: names.length };
}

export async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Floor, pipeline and mark.js on one page; the hover hit test too when `hitTestPoints` is given. */
export async function benchmarkScan(
  context: BrowserContext,
  url: string,
  bundle: string,
  nameIndexJson: string,
  counts: { warmup: number; runs: number; hitTestPoints?: number; everyName?: boolean },
): Promise<ScanBenchmark> {
  const page = await openBenchPage(context, url, bundle);
  try {
    await callBench(page, 'loadIndex', nameIndexJson);
    // The first run is the cold one, and it tells mark.js which names to look for.
    const cold = await callBench(page, 'registerAllHighlights');
    const names = await callBench(page, 'markedNames');

    let hitTest: ScanBenchmark['hitTest'];
    if (counts.hitTestPoints) {
      const times: HitTestTimes = await callBench(page, 'hitTestRuns', counts.hitTestPoints, 11);
      hitTest = {
        hitTest: summarize(times.hitTest),
        caretOnly: summarize(times.caretOnly),
        hits: times.hits,
        points: times.hitTest.length,
        mentions: times.mentions,
      };
    }
    await callBench(page, 'removeHighlights');
    await collectGarbage(page);

    await page.addScriptTag({ path: MARK_JS });
    const everyName = counts.everyName ? everyNamePattern(nameIndexJson) : undefined;
    const runs = await callBench(page, 'scanRuns', namesPattern(names), counts.warmup, counts.runs, everyName);
    return {
      textLength: runs.floor.count,
      floor: timedSummary(runs.floor),
      pipeline: timedSummary(runs.pipeline),
      pipelineColdMs: cold.ms,
      markJs: timedSummary(runs.markJs),
      ratios: {
        pipelineOverFloor: pairedRatio(runs.pipeline.times, runs.floor.times),
        markJsOverPipeline: pairedRatio(runs.markJs.times, runs.pipeline.times),
        markJsFrameOverPipelineFrame: pairedRatio(runs.markJs.nextFrameMs, runs.pipeline.nextFrameMs),
      },
      markJsNames: names.length,
      markJsEveryName:
        runs.markJsEveryName && everyName
          ? { ...timedSummary(runs.markJsEveryName), overPipeline: pairedRatio(runs.markJsEveryName.times, runs.pipeline.times), names: everyName.names }
          : undefined,
      hitTest,
    };
  } finally {
    await page.close();
  }
}

export interface FrameCostComparison {
  /** Per-frame costs without any highlight registered. */
  without: Summary;
  /** The same with every mention Backstory finds on the page registered as a highlight. */
  withHighlights: Summary;
  /** Median over blocks of (median with ÷ median without) in the block. */
  ratio: number;
  registered: number;
}

/**
 * The frame cost of an unrelated DOM change without and with all highlights registered, in
 * alternating blocks on one page so that drift in the machine's speed hits both alike.
 */
export async function benchmarkFrameCostOfHighlights(
  context: BrowserContext,
  url: string,
  bundle: string,
  nameIndexJson: string,
  blocks: number,
  framesPerBlock: number,
): Promise<FrameCostComparison> {
  const page = await openBenchPage(context, url, bundle);
  try {
    await callBench(page, 'loadIndex', nameIndexJson);
    const without: number[][] = [];
    const withHighlights: number[][] = [];
    let registered = 0;
    for (let block = 0; block < blocks; block++) {
      // Ranges dropped in the last block are still attached to the document until collected.
      await collectGarbage(page);
      without.push(await callBench(page, 'frameCosts', 3, framesPerBlock));
      registered = (await callBench(page, 'registerAllHighlights')).marks;
      withHighlights.push(await callBench(page, 'frameCosts', 3, framesPerBlock));
      await callBench(page, 'removeHighlights');
    }
    return {
      without: summarize(without.flat()),
      withHighlights: summarize(withHighlights.flat()),
      ratio: pairedRatio(withHighlights.map(median), without.map(median)),
      registered,
    };
  } finally {
    await page.close();
  }
}

/** What the parsed name index and the matcher built from it keep alive in a page's JS heap. */
export async function benchmarkIndexHeap(context: BrowserContext, url: string, bundle: string, nameIndexJson: string): Promise<IndexLoad & { heapMB: number }> {
  const page = await openBenchPage(context, url, bundle);
  try {
    const cdp = await context.newCDPSession(page);
    const usedHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await usedHeap();
    const load = await callBench(page, 'loadIndex', nameIndexJson);
    const after = await usedHeap();
    return { ...load, heapMB: (after - before) / 1024 / 1024 };
  } finally {
    await page.close();
  }
}
