import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../lib/matcher/findMatches';
import { annotateFile } from '../../scripts/annotateFile';
import { readGeneratedNameIndex } from '../../scripts/generatedDataset';
import { launchWithExtension, ROOT, servePages, waitForHighlights, type ExtensionBrowser, type PageServer } from './harness';

const EVAL_DIR = join(ROOT, 'tests', 'fixtures', 'eval');
const pages = readdirSync(EVAL_DIR).filter((name) => name.endsWith('.html')).sort();

let server: PageServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await servePages(EVAL_DIR);
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every registered highlight as a span of body.textContent, with its kind. */
async function highlightedSpans(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const offsets = new Map<Node, number>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      offsets.set(node, offset);
      offset += node.nodeValue!.length;
    }
    const spans: [number, string][] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (name === 'backstory-active') return;
      highlight.forEach((range) => {
        const start = offsets.get(range.startContainer)! + range.startOffset;
        const end = offsets.get(range.endContainer)! + range.endOffset;
        spans.push([start, `${start}-${end} ${name.replace('backstory-', '')} ${window.__backstoryTestLiveRange(range).toString()}`]);
      });
    });
    return spans.sort((a, b) => a[0] - b[0]).map(([, span]) => span);
  });
}

describe('the content script and `npm run annotate` agree', () => {
  const matcher = buildMatcher(readGeneratedNameIndex());

  it.each(pages)('marks the same names on %s', async (name) => {
    const page = await browser.context.newPage();
    // Tall enough that every mark is "near the viewport" and so registered.
    await page.setViewportSize({ width: 1280, height: 16_000 });
    await page.goto(`${server.origin}/${name}`);
    await waitForHighlights(page);
    const cli = annotateFile(matcher, join(EVAL_DIR, name)).mentions.map(
      (m) => `${m.start}-${m.end} ${m.entity.type} ${m.text}`,
    );
    await expect.poll(() => highlightedSpans(page), { timeout: 5_000 }).toEqual(cli);
    await page.close();
  });
});
