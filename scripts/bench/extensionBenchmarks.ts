import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { callBench } from './browsers';
import { median, pairedRatio, summarize, type Summary } from './stats';

/**
 * The built extension as a reader gets it, against the same pages in the same Chromium without it:
 * main-thread long tasks while it reads a page, its start-up marks, the JS heap it adds to the tab
 * and what it makes every later DOM change cost.
 */

const LONG_TASKS = '__backstoryBenchLongTasks';

/** Installed before any page script (and before the content script): records every long task. */
export const LONG_TASK_OBSERVER = `(() => {
  const tasks = [];
  window.${LONG_TASKS} = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export interface LongTask {
  start: number;
  duration: number;
}

export interface PageTimings {
  longTasks: LongTask[];
  /** The content script's own performance marks and measures ("backstory:…"), if it leaves any. */
  backstory: { name: string; entryType: string; startTime: number; duration: number }[];
  domContentLoadedEnd: number;
}

export interface LoadedPage {
  page: Page;
  cdp: CDPSession;
  timings: PageTimings;
}

const READ_TIMINGS = `(() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    longTasks: window.${LONG_TASKS} ?? [],
    backstory: performance.getEntries()
      .filter((entry) => entry.name.startsWith('backstory'))
      .map(({ name, entryType, startTime, duration }) => ({ name, entryType, startTime, duration })),
    domContentLoadedEnd: navigation ? navigation.domContentLoadedEventEnd : NaN,
  };
})()`;

const READ_PROGRESS = `(() => {
  let highlighted = 0;
  CSS.highlights.forEach((highlight, name) => { if (name.startsWith('backstory')) highlighted += highlight.size; });
  return { pageRead: performance.getEntriesByName('backstory:page-read').length > 0, highlighted };
})()`;

/** How long a page must stay quiet before its long tasks are read. */
const QUIET_MS = 1000;

/**
 * Loads `url` and waits until the extension has read the whole page: its "backstory:page-read"
 * measure, or else its highlight count standing still; without the extension, the same quiet time.
 */
export async function loadAndSettle(context: BrowserContext, url: string, withExtension: boolean): Promise<LoadedPage> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: 'load' });
  if (withExtension) {
    const deadline = Date.now() + 60_000;
    let last = -1;
    let stableSince = Date.now();
    for (;;) {
      const progress = (await page.evaluate(READ_PROGRESS)) as { pageRead: boolean; highlighted: number };
      if (progress.pageRead) break;
      if (progress.highlighted !== last) {
        last = progress.highlighted;
        stableSince = Date.now();
      } else if (Date.now() - stableSince > 2 * QUIET_MS) break;
      if (Date.now() > deadline) throw new Error(`the extension did not finish reading ${url} within 60 s`);
      await page.waitForTimeout(100);
    }
  }
  // Trailing idle slices and the baseline's own late tasks get the same time to show up.
  await page.waitForTimeout(QUIET_MS);
  return { page, cdp, timings: (await page.evaluate(READ_TIMINGS)) as PageTimings };
}

/** The tab's JS heap after a full garbage collection: the main world and every isolated world. */
export async function usedHeapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
}

export interface LongTaskReport {
  count: number;
  longest: number;
  /** Long tasks that ended after the content script started (its "backstory:start" mark). */
  afterContentScript?: { count: number; longest: number };
}

export function longTaskReport(timings: PageTimings): LongTaskReport {
  const { longTasks } = timings;
  const report: LongTaskReport = {
    count: longTasks.length,
    longest: Math.max(0, ...longTasks.map((task) => task.duration)),
  };
  const start = timings.backstory.find((entry) => entry.name === 'backstory:start' && entry.entryType === 'mark');
  if (start) {
    const after = longTasks.filter((task) => task.start + task.duration > start.startTime);
    report.afterContentScript = { count: after.length, longest: Math.max(0, ...after.map((task) => task.duration)) };
  }
  return report;
}

export interface StartupMeasures {
  /** backstory:start → name index ready (the content script's backstory:index-ready measure). */
  indexReadyMs?: number;
  /** backstory:start → whole page read (its backstory:page-read measure). */
  pageReadMs?: number;
  /** How long after DOMContentLoaded the content script started (document_idle). */
  domContentLoadedToStartMs?: number;
}

/** The content script's start-up, from its own performance marks and measures. */
export function startupMeasures(timings: PageTimings): StartupMeasures {
  const measure = (name: string) => timings.backstory.find((entry) => entry.name === name && entry.entryType === 'measure');
  const start = timings.backstory.find((entry) => entry.name === 'backstory:start' && entry.entryType === 'mark');
  return {
    indexReadyMs: measure('backstory:index-ready')?.duration,
    pageReadMs: measure('backstory:page-read')?.duration,
    domContentLoadedToStartMs: start ? start.startTime - timings.domContentLoadedEnd : undefined,
  };
}

export interface DomChangeCost {
  /** Per-frame rendering cost of the change (requestAnimationFrame → message), per frame. */
  frame: Summary;
  /** All main-thread task time per changed frame (CDP TaskDuration), including the extension's mutation handling. */
  mainThreadPerFrameMs: number;
}

export interface DomChangeComparison {
  without: DomChangeCost;
  withExtension: DomChangeCost;
  /** Medians over blocks of the with ÷ without ratio of each block's figure. */
  frameRatio: number;
  mainThreadRatio: number;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
}

/**
 * The same unrelated DOM change on two settled pages (without and with the extension), in
 * alternating blocks so that both see the same machine. The bundle only supplies frameCosts().
 */
export async function compareDomChangeCost(
  pages: { without: LoadedPage; withExtension: LoadedPage },
  bundle: string,
  blocks: number,
  framesPerBlock: number,
): Promise<DomChangeComparison> {
  const warmup = 3;
  const samples = {
    without: { frames: [] as number[][], perFrame: [] as number[] },
    withExtension: { frames: [] as number[][], perFrame: [] as number[] },
  };
  for (const { page, cdp } of [pages.without, pages.withExtension]) {
    await cdp.send('Performance.enable');
    await page.addScriptTag({ content: bundle });
  }
  // The script tag is itself a change the extension reacts to; let that pass first.
  await pages.withExtension.page.waitForTimeout(300);
  for (let block = 0; block < blocks; block++) {
    for (const key of ['without', 'withExtension'] as const) {
      const { page, cdp } = pages[key];
      await cdp.send('HeapProfiler.collectGarbage');
      const before = await taskSeconds(cdp);
      samples[key].frames.push(await callBench(page, 'frameCosts', warmup, framesPerBlock));
      // The extension handles mutations in a batch 30 ms later: give it the time, and count it.
      await page.waitForTimeout(150);
      const after = await taskSeconds(cdp);
      samples[key].perFrame.push(((after - before) * 1000) / (warmup + framesPerBlock));
    }
  }
  const cost = (key: 'without' | 'withExtension'): DomChangeCost => ({
    frame: summarize(samples[key].frames.flat()),
    mainThreadPerFrameMs: median(samples[key].perFrame),
  });
  return {
    without: cost('without'),
    withExtension: cost('withExtension'),
    frameRatio: pairedRatio(samples.withExtension.frames.map(median), samples.without.frames.map(median)),
    mainThreadRatio: pairedRatio(samples.withExtension.perFrame, samples.without.perFrame),
  };
}

export interface AppendCost {
  /** From the append to the extension's last new mark handed over ("backstory:settled"). */
  annotatedAfterMs: number;
  /** Main-thread time (CDP TaskDuration) from the append until the page is quiet again. */
  withoutMs: number;
  withExtensionMs: number;
  /** withExtensionMs − withoutMs: what the extension spent on the new text. */
  extensionMs: number;
}

const QUIET_AFTER_APPEND_MS = 600;

/**
 * Appends the same paragraphs at the end of both settled pages and times what follows: how soon
 * the extension has marked them, and the main-thread time each page spends.
 */
export async function appendCost(pages: { without: LoadedPage; withExtension: LoadedPage }, paragraphsHtml: string): Promise<AppendCost> {
  const append = (html: string) => {
    const start = performance.now();
    (document.querySelector('article') ?? document.body).insertAdjacentHTML('beforeend', html);
    return start;
  };
  const spent: number[] = [];
  let annotatedAfterMs = Number.NaN;
  for (const [key, loaded] of [['without', pages.without], ['withExtension', pages.withExtension]] as const) {
    const { page, cdp } = loaded;
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const before = await taskSeconds(cdp);
    const start = await page.evaluate(append, paragraphsHtml);
    // No polling while it works: a poll is a task too, and would count against the extension.
    await page.waitForTimeout(QUIET_AFTER_APPEND_MS);
    spent.push(((await taskSeconds(cdp)) - before) * 1000);
    if (key === 'withExtension') {
      const settledAt = await page.evaluate(() => performance.getEntriesByName('backstory:settled')[0]?.startTime ?? Number.NaN);
      annotatedAfterMs = settledAt > start ? settledAt - start : Number.NaN;
    }
  }
  return { annotatedAfterMs, withoutMs: spent[0]!, withExtensionMs: spent[1]!, extensionMs: spent[1]! - spent[0]! };
}
