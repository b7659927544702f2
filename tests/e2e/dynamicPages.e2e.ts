import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, launchWithExtension, readHighlights, servePages, waitForHighlights, type ExtensionBrowser, type PageServer } from './harness';

let server: PageServer;
let otherOrigin: PageServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await servePages();
  otherOrigin = await servePages();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await otherOrigin?.close();
});

const marked = async (page: Page) => (await readHighlights(page)).map((mark) => mark.text);

async function openDynamicPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/dynamic.html`);
  await waitForHighlights(page);
  return page;
}

describe('pages that change after loading', () => {
  it('marks text added later, drops marks of removed text and follows edited text', async () => {
    const page = await openDynamicPage();
    expect(await marked(page)).toEqual(expect.arrayContaining(['Kabul', 'Jalalabad', 'Kandahar']));

    await page.evaluate(() => (window as unknown as { appendParagraphs(n: number): void }).appendParagraphs(100));
    await expect.poll(async () => (await marked(page)).filter((text) => text === 'Tora Bora').length, { timeout: 5_000 }).toBeGreaterThan(0);

    await page.evaluate(() => document.getElementById('doomed')!.remove());
    await expect.poll(async () => (await marked(page)).includes('Jalalabad')).toBe(false);

    await page.evaluate(() => {
      document.getElementById('changing')!.firstChild!.nodeValue = 'The meeting moved to Mazar-i-Sharif.';
    });
    await expect.poll(async () => await marked(page)).toEqual(expect.arrayContaining(['Mazar-i-Sharif']));
    expect(await marked(page)).not.toContain('Kandahar');
    await page.close();
  });

  it('marks text inside open shadow roots', async () => {
    const page = await openDynamicPage();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const texts: string[] = [];
          CSS.highlights.forEach((highlight) => highlight.forEach((range) => texts.push(window.__backstoryTestLiveRange(range).toString())));
          return texts;
        }),
      )
      .toEqual(expect.arrayContaining(['Herat']));
    await page.close();
  });

  it('reads the new page after a single-page-app navigation', async () => {
    const page = await openDynamicPage();
    await page.evaluate(() =>
      (window as unknown as { navigateTo(path: string, html: string): void }).navigateTo(
        '/dynamic.html?story=2',
        '<h1>Second story</h1><p>Lydia Khalil spoke about Khorasan and ISIS-K. Khalil said the group would return.</p>',
      ),
    );
    await expect.poll(async () => await marked(page), { timeout: 5_000 }).toEqual(expect.arrayContaining(['Lydia Khalil', 'Khalil']));
    expect(await marked(page)).not.toContain('Kabul');
    await page.close();
  });

  it('reads same-origin frames and leaves frames of other origins alone', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/framed.html`);
    await waitForHighlights(page);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'foreign';
      frame.src = src;
      document.body.append(frame);
    }, `${otherOrigin.origin}/frame-inner.html`);
    const frameMarks = (url: string) => {
      const frame = page.frames().find((candidate) => candidate.url() === url);
      return frame
        ? frame.evaluate(() => {
            const texts: string[] = [];
            CSS.highlights.forEach((highlight) => highlight.forEach((range) => texts.push(window.__backstoryTestLiveRange(range).toString())));
            return texts;
          })
        : Promise.resolve(['(frame not loaded)']);
    };
    await expect.poll(() => frameMarks(`${server.origin}/frame-inner.html`), { timeout: 5_000 }).toEqual(expect.arrayContaining(['Herat', 'Taliban']));
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(otherOrigin.origin))).toBe(true);
    await page.waitForTimeout(500);
    expect(await frameMarks(`${otherOrigin.origin}/frame-inner.html`)).toEqual([]);
    await page.close();
  });

  it('stays private', () => {
    expect(foreignRequests(browser.requests, [server.origin, otherOrigin.origin], browser.extensionId)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
