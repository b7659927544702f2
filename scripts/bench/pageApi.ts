/**
 * What the in-page bundle (pagePipeline.ts) offers the benchmark driver. Every timing is taken
 * inside the page with performance.now(), so Playwright's round trips are never measured.
 */

export const BENCH_GLOBAL = 'backstoryBench';

export interface IndexLoad {
  /** JSON.parse of the name index text, as the content script does. */
  parseMs: number;
  /** buildMatcher over the parsed index. */
  buildMs: number;
}

export interface TimedRuns {
  /** One duration per measured run, in milliseconds, warm-up runs left out. */
  times: number[];
  /** Main-thread cost of the first frame rendered after each run (style, layout, paint). */
  nextFrameMs: number[];
  /** What the last run produced (marks made, or text characters read), to check like is compared with like. */
  count: number;
}

/** The three scans of one page, run in turn in every round so that drift in the machine hits all alike. */
export interface ScanRuns {
  floor: TimedRuns;
  pipeline: TimedRuns;
  markJs: TimedRuns;
  /** mark.js with every name of the dataset (see ScanRunsOptions.everyName), when asked for. */
  markJsEveryName?: TimedRuns;
}

export interface RegExpSource {
  pattern: string;
  flags: string;
}

export interface HitTestTimes {
  /** MentionHitTester.hitTest at each point. */
  hitTest: number[];
  /** The browser's own caretPositionFromPoint at the same points: the cost no hit test can avoid. */
  caretOnly: number[];
  /** Points on a mention for which hitTest returned that mention. */
  hits: number;
  mentions: number;
}

export interface BenchApi {
  /** Parses the name index and builds the matcher; keeps both, as a content script would. */
  loadIndex(nameIndexJson: string): IndexLoad;
  /**
   * Rounds of: the floor (a TreeWalker over the body's text nodes reading each nodeValue), the
   * pipeline (collectTextBlocks → annotateTexts → markRangeForBlockSpan (StaticRange) → PageHighlights.add, its
   * highlights removed afterwards) and mark.js markRegExp (mark.js must be on the page), each
   * round on a fresh copy of the page's original body, all in one JS context so warm-up warms.
   */
  scanRuns(markedNames: RegExpSource, warmup: number, runs: number, everyName?: RegExpSource): Promise<ScanRuns>;
  /** Runs the pipeline once and leaves its highlights registered; the first call is the cold run. */
  registerAllHighlights(): { marks: number; ms: number };
  /** Unregisters the highlights and lets go of their Ranges. */
  removeHighlights(): void;
  /** The distinct texts of the mentions the pipeline marked last. */
  markedNames(): string[];
  /** Per-frame main-thread cost of toggling a class and replacing a small element in the masthead. */
  frameCosts(warmup: number, frames: number): Promise<number[]>;
  /** Hit-tests random points on the registered mentions, scrolling each into view first (not timed). */
  hitTestRuns(points: number, seed: number): HitTestTimes;
  /** Median time of each step of the pipeline over `runs` runs (after `warmup`), to see where its time goes. */
  phaseRuns(warmup: number, runs: number): Record<string, number>;
  /** Total ranges registered under highlight names starting with "backstory", whoever registered them. */
  backstoryHighlightCount(): number;
}

export type BenchWindow = Window & { [BENCH_GLOBAL]: BenchApi };
