import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_RANGE_HELPER, PAGES_DIR, ROOT, SCREENSHOTS_DIR, servePages, type PageServer } from './harness';

/**
 * The Firefox smoke test: the MV2 build installed as a temporary add-on in Debian's Firefox ESR,
 * driven headless over WebDriver BiDi by puppeteer-core, on the demo article served from 127.0.0.1.
 */

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_DIR = join(ROOT, '.output', 'firefox-mv2');
const SCREENSHOT = join(SCREENSHOTS_DIR, 'firefox-card.png');

let server: PageServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const pageRequests: string[] = [];

// Skipped only when Firefox is not installed at all; any other failure to run is a failure.
describe.skipIf(!existsSync(FIREFOX))(`Backstory in Firefox (${FIREFOX})`, () => {
  beforeAll(async () => {
    if (!existsSync(join(ADDON_DIR, 'manifest.json'))) throw new Error(`no Firefox build in ${ADDON_DIR}: run npm run build:firefox first`);
    server = await servePages(PAGES_DIR);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      protocol: 'webDriverBiDi',
      defaultViewport: { width: 1280, height: 900 },
      extraPrefsFirefox: {
        // A temporary add-on from a directory: no signature, no prompt, enabled at once.
        'xpinstall.signatures.required': false,
        'extensions.autoDisableScopes': 0,
        'extensions.enabledScopes': 15,
        // No first-run pages, no network chatter from the browser itself.
        'browser.startup.homepage_override.mstone': 'ignore',
        'startup.homepage_welcome_url': 'about:blank',
        'browser.aboutwelcome.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.reportingpolicy.firstRun': false,
        'app.normandy.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'ui.prefersReducedMotion': 1,
      },
    });
    const id = await browser.installExtension(ADDON_DIR);
    expect(id).toBe('backstory@backstory.invalid');
    page = await browser.newPage();
    await page.evaluateOnNewDocument(LIVE_RANGE_HELPER);
    page.on('pageerror', (error) => pageErrors.push(String((error as Error).message ?? error)));
    page.on('request', (request) => pageRequests.push(request.url()));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cardName = () => page.evaluate(() => document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card-name')?.textContent ?? null);

  it('marks the names with CSS highlights and shows the card for Lydia Khalil', async () => {
    await page.goto(`${server.origin}/demo-article.html`, { waitUntil: 'load' });
    // The page is read in slices: wait for a name from its middle, not merely the first marks.
    await page.waitForFunction(
      () => {
        let found = false;
        CSS.highlights.forEach((highlight, name) => {
          if (!name.startsWith('backstory-')) return;
          highlight.forEach((range) => {
            found ||= window.__backstoryTestLiveRange(range).toString() === 'Hamid Karzai International Airport';
          });
        });
        let lydia = false;
        CSS.highlights.forEach((highlight) => highlight.forEach((range) => (lydia ||= window.__backstoryTestLiveRange(range).toString() === 'Lydia Khalil')));
        return found && lydia;
      },
      { timeout: 20_000, polling: 100 },
    );
    const marks = await page.evaluate(() => {
      const found: { name: string; text: string }[] = [];
      CSS.highlights.forEach((highlight, name) => {
        if (!name.startsWith('backstory-') || name === 'backstory-active') return;
        highlight.forEach((range) => found.push({ name, text: window.__backstoryTestLiveRange(range).toString() }));
      });
      return found;
    });
    const texts = marks.map((mark) => mark.text);
    expect(texts).toEqual(expect.arrayContaining(['Lydia Khalil', 'ISIS-K', 'Lowy Institute', 'Hamid Karzai International Airport']));
    expect(marks.find((mark) => mark.text === 'Lydia Khalil')?.name).toBe('backstory-person');
    expect(marks.find((mark) => mark.text === 'Lowy Institute')?.name).toBe('backstory-organization');

    // Rest the pointer on the name, as a reader would.
    const point = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.nodeValue!.indexOf('Lydia Khalil');
        if (index < 0) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 'Lydia Khalil'.length);
        const rect = range.getClientRects()[0]!;
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x - 40, point!.y - 40);
    await page.mouse.move(point!.x, point!.y, { steps: 4 });
    await expect.poll(cardName, { timeout: 5_000, interval: 100 }).toBe('Lydia Khalil');

    const card = await page.evaluate(() => {
      const host = document.querySelector('backstory-card')!;
      const frame = host.shadowRoot!.querySelector('.card-frame')!.getBoundingClientRect();
      const description = host.shadowRoot!.querySelector('.card-description')?.textContent ?? '';
      const hit = document.elementFromPoint(frame.left + frame.width / 2, frame.top + frame.height / 2)?.localName;
      return { x: frame.x, y: frame.y, width: frame.width, height: frame.height, description, hit, viewport: { width: innerWidth, height: innerHeight } };
    });
    expect(card.description).toMatch(/Lowy Institute/);
    expect(card.hit).toBe('backstory-card');
    expect(card.width).toBeGreaterThan(100);
    expect(card.height).toBeGreaterThan(60);
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.y).toBeGreaterThan(point!.y); // below the hovered line
    expect(card.x + card.width).toBeLessThanOrEqual(card.viewport.width);
    expect(card.y + card.height).toBeLessThanOrEqual(card.viewport.height);

    await new Promise((resolve) => setTimeout(resolve, 200));
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT as `${string}.png` });
    expect(existsSync(SCREENSHOT)).toBe(true);

    // A click on another name opens its card at once.
    await page.keyboard.press('Escape');
    await expect.poll(cardName).toBeNull();
    const lowy = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.nodeValue!.indexOf('Lowy Institute');
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 'Lowy Institute'.length);
        const rect = range.getClientRects()[0]!;
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    await page.mouse.click(lowy!.x, lowy!.y);
    await expect.poll(cardName, { timeout: 3_000, interval: 100 }).toBe('Lowy Institute');
  }, 60_000);

  it('leaves the DOM alone, raises no page errors, and the page asked nothing of anyone but the local server', async () => {
    expect(await page.evaluate(() => document.body.innerHTML.includes('backstory'))).toBe(false);
    expect(pageErrors).toEqual([]);
    expect(pageRequests.length).toBeGreaterThan(0);
    // (data: URLs are inline content, not requests to anyone; the harness treats them the same way.)
    expect(pageRequests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith('data:'))).toEqual([]);
  });
});
