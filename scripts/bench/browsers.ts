import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR, servePages, type PageServer } from '../../tests/e2e/harness';
import { BENCH_GLOBAL, type BenchApi } from './pageApi';

/** Browsers, pages and the in-page bundle, set up the same way as the end-to-end suite. */

/**
 * Cross-origin isolation makes Chromium's performance.now() resolve 5 µs instead of 100 µs; the
 * floor of a 10k page and a single hit test are well under a tenth of a millisecond.
 */
const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

export const serveIsolated = (dir: string): Promise<PageServer> => servePages(dir, ISOLATION_HEADERS);

export interface PlainBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The harness's Chromium with the same flags, minus the extension: the baseline browser. */
export async function launchWithoutExtension(): Promise<PlainBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'backstory-bench-profile-'));
  const args = CHROMIUM_ARGS(EXTENSION_DIR).filter((arg) => !/^--(load-extension|disable-extensions-except)=/.test(arg));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // window.gc(): Ranges dropped between runs stay attached to the document, and slow every later
    // DOM mutation, until collected. Exact performance.memory too, for anyone reading it.
    args: [...args, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** pagePipeline.ts and the lib/ code it imports, as one script to inject with addScriptTag. */
export async function bundlePagePipeline(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'pagePipeline.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function openBenchPage(context: BrowserContext, url: string, bundle: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  if (!(await page.evaluate('crossOriginIsolated'))) throw new Error(`${url} is not cross-origin isolated: its timings would be coarse`);
  await page.addScriptTag({ content: bundle });
  return page;
}

/** Calls a method of the in-page bundle; the call's arguments and result cross as JSON. */
export async function callBench<K extends keyof BenchApi>(
  page: Page,
  method: K,
  ...args: Parameters<BenchApi[K]>
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  const result = await page.evaluate(
    ({ global, method, args }) => {
      const api = (window as unknown as Record<string, Record<string, (...values: unknown[]) => unknown>>)[global]!;
      return api[method]!(...args);
    },
    { global: BENCH_GLOBAL, method, args: args as unknown[] },
  );
  return result as Awaited<ReturnType<BenchApi[K]>>;
}
