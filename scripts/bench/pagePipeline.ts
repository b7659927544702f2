/**
 * The benchmark's in-page half, bundled by esbuild into an IIFE and injected into the page: the
 * content script's own pipeline from lib/, run on demand and timed inside the page.
 * (entrypoints/content/ cannot be bundled here: it loads the dataset through a Vite `?raw`
 * import, so the driver passes the same name-index JSON in instead.)
 */
import { annotateTexts } from '../../lib/annotate/annotateBlocks';
import type { NameIndex } from '../../lib/dataset/compiled';
import type { EntityType } from '../../lib/dataset/schema';
import { buildMatcher, findMatches, type Matcher } from '../../lib/matcher/findMatches';
import { HIGHLIGHT_PREFIX, installHighlightStyles, PageHighlights } from '../../lib/page/highlights';
import { MentionHitTester } from '../../lib/page/hitTest';
import { clientRectsOf, liveRangeOf } from '../../lib/page/rangeGeometry';
import { collectTextBlocks, markRangeForBlockSpan } from '../../lib/page/textBlocks';
import { BENCH_GLOBAL, type BenchApi, type BenchWindow, type HitTestTimes, type TimedRuns } from './pageApi';
import { pick, seededRandom } from './stats';
import { TICKER_ID } from './syntheticArticle';

interface LiveMention {
  range: AbstractRange;
  type: EntityType;
  text: string;
}

interface MarkJs {
  markRegExp(regexp: RegExp, options: { done: (marks: number) => void }): void;
}
type MarkJsConstructor = new (context: Element) => MarkJs;

const win = window as unknown as Window & typeof globalThis;
/** Time given to the collector's background work after each forced collection. */
const SETTLE_AFTER_GC_MS = 50;
let matcher: Matcher | undefined;
let highlights: PageHighlights | undefined;
let live: LiveMention[] = [];
/** The body as loaded, before mark.js changed it: every round starts from a copy of it. */
let pristineBody: HTMLElement | undefined;

/**
 * Main-thread cost of one rendered frame: from inside its requestAnimationFrame callback (after
 * `change`) to a message posted there, which runs once the frame's style, layout and paint are
 * done. Resolving in that message's task also means the caller continues after the frame, not
 * inside its requestAnimationFrame callbacks (where work would run before the frame's rendering).
 */
function frameCost(change?: () => void): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      change?.();
      const start = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve(performance.now() - start);
      };
      channel.port2.postMessage(undefined);
    });
  });
}

/** The floor every scan pays: visit each text node and read its text. */
function walkText(root: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let characters = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) characters += node.nodeValue!.length;
  return characters;
}

/** What the content script does once its matcher is ready: scan, match, resolve, range, highlight. */
function annotateDocument(ready: Matcher, target: PageHighlights): LiveMention[] {
  const blocks = collectTextBlocks(document.body);
  const { mentions } = annotateTexts(
    ready,
    blocks.map((block) => block.text),
  );
  const marked: LiveMention[] = mentions.map((mention) => ({
    range: markRangeForBlockSpan(document, blocks[mention.block]!, mention.start, mention.end),
    type: mention.entity.type,
    text: mention.text,
  }));
  target.add(marked);
  return marked;
}

function requireMatcher(): Matcher {
  if (!matcher) throw new Error('loadIndex must run first');
  return matcher;
}

function runPipeline(): number {
  highlights = new PageHighlights(win);
  live = annotateDocument(requireMatcher(), highlights);
  return live.length;
}

/** Unregisters the highlights and lets go of their Ranges, which the document would otherwise keep updating. */
function removeHighlights(): void {
  // Emptied before unregistering: in Chromium 156, text nodes whose highlight was unregistered
  // while still holding their ranges stay dearer to mutate (mark.js on the 100k page: ~20 → ~90 ms).
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith(HIGHLIGHT_PREFIX)) highlight.clear();
  });
  highlights?.destroy();
  highlights = undefined;
  live = [];
}

/**
 * A full collection between runs: the Ranges of a removed run stay attached to the document
 * until collected, and every DOM mutation (mark.js makes thousands) walks all attached Ranges.
 */
function collectGarbage(): void {
  const { gc } = window as unknown as { gc?: () => void };
  if (!gc) throw new Error('window.gc is missing: launch Chromium with --js-flags=--expose-gc');
  gc();
}

function restorePristineBody(): void {
  pristineBody ??= document.body.cloneNode(true) as HTMLElement;
  document.body.replaceWith(pristineBody.cloneNode(true));
}

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets pending changes render, then times `run` in a task of its own, then the frame it causes.
 * The collection before each run is the benchmark's own doing; the pause after it lets the
 * collector's sweeping finish, which would otherwise be charged to whichever run came next.
 */
async function timeOnce(run: () => number, into: TimedRuns, measured: boolean): Promise<void> {
  collectGarbage();
  await idle(SETTLE_AFTER_GC_MS);
  await frameCost();
  await frameCost();
  const start = performance.now();
  const count = run();
  const elapsed = performance.now() - start;
  const frame = await frameCost();
  if (!measured) return;
  into.times.push(elapsed);
  into.nextFrameMs.push(frame);
  into.count = count;
}

function scrollToMiddle(mention: LiveMention): void {
  const box = liveRangeOf(mention.range).getBoundingClientRect();
  window.scrollBy(0, box.top - window.innerHeight / 2);
}

/** A point inside one of the mention's line boxes, once scrolled to the middle of the viewport. */
function pointOn(mention: LiveMention, random: () => number): { x: number; y: number } | undefined {
  scrollToMiddle(mention);
  const rects = clientRectsOf(mention.range).filter((rect) => rect.width > 2 && rect.height > 2);
  if (rects.length === 0) return undefined;
  const rect = pick(random, rects);
  if (rect.top < 0 || rect.bottom > window.innerHeight) return undefined;
  return { x: rect.left + 1 + random() * (rect.width - 2), y: rect.top + 1 + random() * (rect.height - 2) };
}

function caretOnly(x: number, y: number): unknown {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => unknown };
  return doc.caretPositionFromPoint ? doc.caretPositionFromPoint(x, y) : document.caretRangeFromPoint(x, y);
}

const api: BenchApi = {
  loadIndex(nameIndexJson) {
    const start = performance.now();
    const index = JSON.parse(nameIndexJson) as NameIndex;
    const parsed = performance.now();
    matcher = buildMatcher(index);
    const built = performance.now();
    installHighlightStyles(document);
    return { parseMs: parsed - start, buildMs: built - parsed };
  },

  async scanRuns(markedNames, warmup, runs, everyName) {
    const Mark = (window as unknown as { Mark?: MarkJsConstructor }).Mark;
    if (!Mark) throw new Error('mark.js is not on the page');
    const markJsWith = ({ pattern, flags }: { pattern: string; flags: string }) => {
      const regexp = new RegExp(pattern, flags);
      return () => {
        let count = -1;
        new Mark(document.body).markRegExp(regexp, { done: (marks) => (count = marks) });
        if (count < 0) throw new Error('mark.js did not finish synchronously');
        return count;
      };
    };
    const markJs = markJsWith(markedNames);
    const markJsEveryName = everyName ? markJsWith(everyName) : undefined;
    const empty = (): TimedRuns => ({ times: [], nextFrameMs: [], count: 0 });
    const result: { floor: TimedRuns; pipeline: TimedRuns; markJs: TimedRuns; markJsEveryName?: TimedRuns } = { floor: empty(), pipeline: empty(), markJs: empty() };
    if (markJsEveryName) result.markJsEveryName = empty();
    removeHighlights();
    for (let round = 0; round < warmup + runs; round++) {
      const measured = round >= warmup;
      restorePristineBody();
      await timeOnce(() => walkText(document.body), result.floor, measured);
      await timeOnce(runPipeline, result.pipeline, measured);
      removeHighlights();
      // mark.js gets text nodes that never carried a highlight, as on a page without Backstory.
      restorePristineBody();
      await timeOnce(markJs, result.markJs, measured);
      if (markJsEveryName) {
        restorePristineBody();
        await timeOnce(markJsEveryName, result.markJsEveryName!, measured);
      }
    }
    restorePristineBody();
    return result;
  },

  registerAllHighlights() {
    removeHighlights();
    const start = performance.now();
    const marks = runPipeline();
    return { marks, ms: performance.now() - start };
  },

  removeHighlights,

  markedNames() {
    return [...new Set(live.map((mention) => mention.text))];
  },

  async frameCosts(warmup, frames) {
    const ticker = document.getElementById(TICKER_ID);
    if (!ticker) throw new Error(`#${TICKER_ID} is missing`);
    const costs: number[] = [];
    for (let i = 0; i < warmup + frames; i++) {
      const cost = await frameCost(() => {
        ticker.classList.toggle('flash');
        const item = document.createElement('span');
        item.textContent = `Live ${i}`;
        ticker.replaceChildren(item);
      });
      if (i >= warmup) costs.push(cost);
    }
    return costs;
  },

  hitTestRuns(points, seed) {
    const tester = new MentionHitTester<LiveMention>();
    for (const mention of live) tester.add(mention);
    const random = seededRandom(seed);
    const warmup = 20;
    const samples: { mention: LiveMention; x: number; y: number }[] = [];
    while (samples.length < warmup + points) {
      const mention = pick(random, live);
      const point = pointOn(mention, random);
      if (point) samples.push({ mention, ...point });
    }
    // Two passes, each scrolling to its point first: a second hit test straight after the first at
    // the same point would be served by Blink's hit-test cache and look cheaper than a real hover.
    const result: HitTestTimes = { hitTest: [], caretOnly: [], hits: 0, mentions: live.length };
    samples.forEach((sample, i) => {
      scrollToMiddle(sample.mention);
      const start = performance.now();
      const hit = tester.hitTest(document, sample.x, sample.y);
      const elapsed = performance.now() - start;
      if (i >= warmup) {
        result.hitTest.push(elapsed);
        if (hit === sample.mention) result.hits++;
      }
    });
    samples.forEach((sample, i) => {
      scrollToMiddle(sample.mention);
      const start = performance.now();
      caretOnly(sample.x, sample.y);
      const elapsed = performance.now() - start;
      if (i >= warmup) result.caretOnly.push(elapsed);
    });
    window.scrollTo(0, 0);
    return result;
  },

  phaseRuns(warmup, runs) {
    const ready = requireMatcher();
    const samples: Record<string, number[]> = {};
    const time = <T>(phase: string, step: () => T, measured: boolean): T => {
      const start = performance.now();
      const result = step();
      if (measured) (samples[phase] ??= []).push(performance.now() - start);
      return result;
    };
    removeHighlights();
    for (let round = 0; round < warmup + runs; round++) {
      const measured = round >= warmup;
      collectGarbage();
      time('floor', () => walkText(document.body), measured);
      const blocks = time('collect', () => collectTextBlocks(document.body), measured);
      const texts = blocks.map((block) => block.text);
      time('match only', () => texts.map((text) => findMatches(ready, text)), measured);
      const { mentions } = time('match + resolve', () => annotateTexts(ready, texts), measured);
      const ranges = time('ranges', () =>
        mentions.map((mention) => ({ range: markRangeForBlockSpan(document, blocks[mention.block]!, mention.start, mention.end), type: mention.entity.type })),
      measured);
      const target = new PageHighlights(win);
      time('highlights.add', () => target.add(ranges), measured);
      target.destroy();
    }
    const medians: Record<string, number> = {};
    for (const [phase, times] of Object.entries(samples)) medians[phase] = [...times].sort((a, b) => a - b)[times.length >> 1]!;
    return medians;
  },

  backstoryHighlightCount() {
    let total = 0;
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith(HIGHLIGHT_PREFIX)) total += highlight.size;
    });
    return total;
  },
};

(window as unknown as BenchWindow)[BENCH_GLOBAL] = api;
