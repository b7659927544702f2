import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { PACKAGED_NAME_INDEX_PATH } from '../../lib/dataset/packagedNameIndex';

/**
 * The real-browser harness: the built extension in Debian's Chromium, pages served from
 * 127.0.0.1, and every request the browser makes recorded so tests can prove none left the machine.
 */

export const ROOT = join(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const PAGES_DIR = join(ROOT, 'tests', 'fixtures', 'pages');
export const SCREENSHOTS_DIR = join(ROOT, 'docs', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
};

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1; `headers` lets a test add e.g. a strict Content-Security-Policy. */
export async function servePages(dir = PAGES_DIR, headers: Record<string, string> = {}): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) throw new Error('not found');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM_ARGS = (extensionDir: string) => [
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--lang=en-US',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Every URL the browser requested, from pages, the extension and its service worker. */
  requests: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

declare global {
  interface Window {
    /** Installed in every test page by LIVE_RANGE_HELPER. */
    __backstoryTestLiveRange(range: AbstractRange): Range;
  }
}

/**
 * Marks are StaticRanges, which have no text or geometry of their own. Tests read them through a
 * live Range made by this helper, installed in every page (and frame) before the page's scripts;
 * a stale range (its text changed) reads as empty.
 */
export const LIVE_RANGE_HELPER = `window.__backstoryTestLiveRange = (range) => {
  const live = document.createRange();
  try {
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
  } catch {}
  return live;
};`;

export async function launchWithExtension(options: { headless?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'backstory-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS(EXTENSION_DIR),
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.addInitScript(LIVE_RANGE_HELPER);
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const watchPage = (page: Page) => page.on('pageerror', (error) => pageErrors.push(error.message));
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    requests,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The packaged name index, which the content script reads under the extension's per-session
 * dynamic ID (use_dynamic_url), so pages cannot probe for Backstory at a fixed address.
 */
const PACKAGED_INDEX_URL = new RegExp(`^chrome-extension://[0-9a-f-]+${PACKAGED_NAME_INDEX_PATH.replace('.', '\\.')}$`);

/** Requests that were not to the local test servers or to the extension itself. */
export function foreignRequests(requests: string[], origins: string | string[], extensionId: string): string[] {
  const allowed = [...(Array.isArray(origins) ? origins : [origins]).map((origin) => `${origin}/`), `chrome-extension://${extensionId}/`, 'data:'];
  return requests.filter((url) => !allowed.some((prefix) => url.startsWith(prefix)) && !PACKAGED_INDEX_URL.test(url));
}

/** The text of every range Backstory registered as a CSS highlight, read from the page's own world. */
export async function readHighlights(page: Page): Promise<{ name: string; text: string }[]> {
  return page.evaluate(() => {
    const found: { name: string; text: string; top: number; left: number }[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith('backstory') || name === 'backstory-active') return;
      highlight.forEach((range) => {
        const live = window.__backstoryTestLiveRange(range);
        const rect = live.getBoundingClientRect();
        found.push({ name, text: live.toString(), top: rect.top + window.scrollY, left: rect.left });
      });
    });
    return found.sort((a, b) => a.top - b.top || a.left - b.left).map(({ name, text }) => ({ name, text }));
  });
}

/**
 * Waits until Backstory has marked the page: some highlights, and their number settled for 300 ms
 * (or, on a page that never stops re-rendering, marked for 1.5 s).
 */
export async function waitForHighlights(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = window as unknown as { __backstoryCount?: number; __backstorySince?: number; __backstoryFirst?: number };
      let total = 0;
      CSS.highlights.forEach((highlight, name) => {
        if (name.startsWith('backstory')) total += highlight.size;
      });
      const now = performance.now();
      if (total > 0) state.__backstoryFirst ??= now;
      if (total !== state.__backstoryCount) {
        state.__backstoryCount = total;
        state.__backstorySince = now;
      }
      if (total === 0) return false;
      return now - (state.__backstorySince ?? now) >= 300 || now - state.__backstoryFirst! >= 1_500;
    },
    undefined,
    { timeout: 15_000, polling: 50 },
  );
}

/** The centre of the first occurrence of `text` on the page (in its own text nodes), in viewport pixels. */
export async function locateText(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let index = node.nodeValue!.indexOf(text);
        while (index >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, index);
            range.setEnd(node, index + text.length);
            range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
            const rect = range.getClientRects()[0]!;
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
          index = node.nodeValue!.indexOf(text, index + 1);
        }
      }
      return null;
    },
    { text, occurrence },
  );
  if (!point) throw new Error(`"${text}" is not on the page`);
  return point;
}

/** A page server and a Chromium with the extension, shared by one test file and closed after it. */
export function useExtensionBrowser(pagesDir = PAGES_DIR): { server: PageServer; browser: ExtensionBrowser } {
  const handles = {} as { server: PageServer; browser: ExtensionBrowser };
  beforeAll(async () => {
    handles.server = await servePages(pagesDir);
    handles.browser = await launchWithExtension();
  });
  afterAll(async () => {
    await handles.browser?.close();
    await handles.server?.close();
  });
  return handles;
}

/** Changes settings the way the options page does: in the extension's local storage. */
export async function setExtensionSettings(browser: ExtensionBrowser, changes: Record<string, unknown>): Promise<void> {
  const worker = browser.context.serviceWorkers()[0]!;
  await worker.evaluate(async (changes) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const { settings } = await api.storage.local.get('settings');
    await api.storage.local.set({ settings: { ...(settings as object | undefined), ...changes } });
  }, changes);
}
