import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  foreignRequests,
  launchWithExtension,
  locateText,
  readHighlights,
  ROOT,
  SCREENSHOTS_DIR,
  setExtensionSettings,
  useExtensionBrowser,
  waitForHighlights,
  type ExtensionBrowser,
} from './harness';

const PACKS = join(ROOT, 'tests', 'fixtures', 'packs');

const env = useExtensionBrowser();

/** The id of the tab showing `page`, as the popup sees it: the active tab (no "tabs" permission needed). */
async function tabIdOf(target: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = target.context.serviceWorkers()[0]!;
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id!;
  });
}

async function openArticle(target: ExtensionBrowser, path = 'demo-article.html'): Promise<{ page: Page; tabId: number }> {
  const page = await target.context.newPage();
  const url = `${env.server.origin}/${path}`;
  await page.goto(url);
  await waitForHighlights(page);
  return { page, tabId: await tabIdOf(target, page) };
}

async function extensionPage(target: ExtensionBrowser, path: string, size = { width: 420, height: 640 }): Promise<Page> {
  const page = await target.context.newPage();
  await page.setViewportSize(size);
  await page.goto(`chrome-extension://${target.extensionId}/${path}`);
  return page;
}

describe('the research desk', () => {
  it('lists this page\'s names in the popup, shows one on the page, and switches the site off and on', async () => {
    const { page: article, tabId } = await openArticle(env.browser);
    const popup = await extensionPage(env.browser, `popup.html?tabId=${tabId}`);
    await popup.getByRole('tab', { name: /On this page/ }).click();
    const lydia = popup.locator('.entity-row', { hasText: 'Lydia Khalil' });
    await expect.poll(() => lydia.locator('.mention-count').textContent()).toBe('2×');
    expect(await popup.locator('.group-title').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Person'), expect.stringContaining('Place')]),
    );
    await popup.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-on-this-page.png') });

    await lydia.locator('.entity-name').click();
    await expect.poll(() => article.locator('backstory-card .card-name').textContent()).toBe('Lydia Khalil');

    const popupAgain = await extensionPage(env.browser, `popup.html?tabId=${tabId}`);
    const siteSwitch = popupAgain.getByRole('switch');
    await expect.poll(() => siteSwitch.isChecked()).toBe(true);
    await siteSwitch.click();
    await expect.poll(async () => (await readHighlights(article)).length).toBe(0);
    expect(await article.locator('backstory-card').count()).toBe(0);
    await siteSwitch.click();
    await expect.poll(async () => (await readHighlights(article)).length, { timeout: 5_000 }).toBeGreaterThan(10);
    await Promise.all([popup.close(), popupAgain.close(), article.close()]);
  });

  it('runs only on listed sites when the reader asks for that', async () => {
    await setExtensionSettings(env.browser, { siteMode: 'listed', enabledSites: [] });
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo-article.html`);
    await page.waitForTimeout(800);
    expect(await readHighlights(page)).toEqual([]);
    await setExtensionSettings(env.browser, { enabledSites: ['127.0.0.1'] });
    await expect.poll(async () => (await readHighlights(page)).length, { timeout: 5_000 }).toBeGreaterThan(10);
    await setExtensionSettings(env.browser, { siteMode: 'all', enabledSites: [] });
    await page.close();
  });

  it('saves a note from a card, shows it in the side panel, and round-trips it through a JSON export', async () => {
    const { page: article, tabId } = await openArticle(env.browser);
    const point = await locateText(article, 'Lydia Khalil');
    await article.mouse.click(point.x, point.y);
    await article.locator('backstory-card .action-save').click();
    await expect.poll(() => article.locator('backstory-card .card-status').textContent()).toBe('Saved to notes.');

    const desk = await extensionPage(env.browser, `sidepanel.html?tabId=${tabId}`, { width: 420, height: 900 });
    await expect.poll(() => desk.locator('.entity-row').count()).toBeGreaterThan(10);
    await desk.locator('.entity-row .entity-name', { hasText: 'Ahmad Ali Hazrat' }).click();
    await expect.poll(() => desk.locator('.desk-card .card-name').textContent()).toBe('Ahmad Ali Hazrat');
    await desk.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-page.png') });

    await desk.getByRole('tab', { name: /Notes/ }).click();
    const note = desk.locator('.note').first();
    await expect.poll(() => note.locator('.note-entity').textContent()).toBe('Lydia Khalil');
    expect(await note.locator('.note-quote').textContent()).toContain('Lowy Institute');
    expect(await note.locator('.note-page').getAttribute('href')).toBe(`${env.server.origin}/demo-article.html`);
    await note.locator('textarea').fill('Quoted on ISIS-K as a spoiler.');
    await note.locator('input[type=text]').fill('isis-k, sources');
    await note.locator('input[type=text]').blur();
    await desk.locator('.search-input').fill('spoiler');
    await expect.poll(() => desk.locator('.note').count()).toBe(1);
    await desk.locator('.search-input').fill('sources');
    await expect.poll(() => desk.locator('.note').count()).toBe(1);
    await desk.locator('.search-input').fill('');
    await desk.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-notes.png') });

    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: 'JSON', exact: true }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    const parsed = JSON.parse(exported) as { notes: { comment: string; tags: string[] }[] };
    expect(parsed.notes[0]).toMatchObject({ comment: 'Quoted on ISIS-K as a spoiler.', tags: ['isis-k', 'sources'] });

    // A fresh profile: import the export and nothing is lost.
    const fresh = await launchWithExtension();
    try {
      const freshDesk = await extensionPage(fresh, 'sidepanel.html', { width: 420, height: 900 });
      await freshDesk.getByRole('tab', { name: /Notes/ }).click();
      await freshDesk.locator('.import input[type=file]').setInputFiles({ name: 'backstory.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
      await expect.poll(() => freshDesk.locator('.desk-message').textContent()).toMatch(/Imported 1 notes/);
      const [again] = await Promise.all([freshDesk.waitForEvent('download'), freshDesk.getByRole('button', { name: 'JSON', exact: true }).click()]);
      const reexported = JSON.parse(readFileSync((await again.path())!, 'utf8')) as Record<string, unknown>;
      const original = JSON.parse(exported) as Record<string, unknown>;
      expect({ ...reexported, exportedAt: null }).toEqual({ ...original, exportedAt: null });

      // A file that is not an export changes nothing.
      await freshDesk.locator('.import input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
      await expect.poll(() => freshDesk.locator('.desk-message').textContent()).toMatch(/Nothing was imported/);
      expect(await freshDesk.locator('.note').count()).toBe(1);
    } finally {
      await fresh.close();
    }
    await Promise.all([desk.close(), article.close()]);
  });

  it('imports a data pack whose entity is then marked, and rejects a broken pack leaving data intact', async () => {
    const options = await extensionPage(env.browser, 'options.html', { width: 900, height: 1000 });
    const input = options.locator('.import input[type=file]');
    await input.setInputFiles(join(PACKS, 'good-pack.json'));
    await expect.poll(() => options.locator('.pack-ok').textContent()).toMatch(/Imported “Newsroom additions”: 1 entities/);

    const { page: article } = await openArticle(env.browser, 'pack-article.html');
    await expect.poll(async () => (await readHighlights(article)).map((mark) => mark.text)).toContain('Zarang Reporting Collective');
    const point = await locateText(article, 'Zarang Reporting Collective');
    await article.mouse.click(point.x, point.y);
    await expect.poll(() => article.locator('backstory-card .card-name').textContent()).toBe('Zarang Reporting Collective');

    await input.setInputFiles(join(PACKS, 'broken-pack.json'));
    await expect
      .poll(() => options.locator('.pack-error').textContent())
      .toMatch(/broken-pack\.json › bad-entry \(record 2\) › sources\[0\]\.url: must be an http\(s\) URL/);
    expect(await options.locator('.pack').count()).toBe(1);
    await options.screenshot({ path: join(SCREENSHOTS_DIR, 'options.png'), fullPage: true });

    // Switching the pack off takes its names off the page without reloading anything.
    await options.locator('.pack input[type=checkbox]').uncheck();
    await expect.poll(async () => (await readHighlights(article)).map((mark) => mark.text)).not.toContain('Zarang Reporting Collective');
    await Promise.all([options.close(), article.close()]);
  });

  it('opens a card in the research desk from the page', async () => {
    const { page: article, tabId } = await openArticle(env.browser);
    const point = await locateText(article, 'Kabul University');
    await article.mouse.click(point.x, point.y);
    await article.locator('backstory-card .action-desk').click();
    const desk = await extensionPage(env.browser, `sidepanel.html?tabId=${tabId}`, { width: 420, height: 900 });
    await expect.poll(() => desk.locator('.desk-card .card-name').first().textContent()).toBe('Kabul University');
    await Promise.all([desk.close(), article.close()]);
  });

  it('made no network request of its own and raised no page errors', () => {
    expect(foreignRequests(env.browser.requests, env.server.origin, env.browser.extensionId)).toEqual([]);
    expect(env.browser.pageErrors).toEqual([]);
  });
});
