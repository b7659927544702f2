import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  foreignRequests,
  locateText,
  readHighlights,
  SCREENSHOTS_DIR,
  setExtensionSettings,
  useExtensionBrowser,
  waitForHighlights,
} from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const env = useExtensionBrowser();

const cardTitle = (page: Page) => page.locator('backstory-card .card-name');
const frame = (page: Page) => page.locator('backstory-card .card-frame');

async function open(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/${path}`);
  await waitForHighlights(page);
  return page;
}

const setSettings = (changes: Record<string, unknown>) => setExtensionSettings(env.browser, changes);

async function hover(page: Page, text: string, occurrence = 0) {
  const point = await locateText(page, text, occurrence);
  await page.mouse.move(point.x, point.y, { steps: 2 });
  return point;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run({ include: [['backstory-card', '.card-frame']] }, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

describe('the hover card', () => {
  it('waits for hover intent, lets the pointer into the card, and closes on Escape', async () => {
    // A long configured delay keeps the "not yet" check meaningful on a busy machine.
    await setSettings({ hoverDelayMs: 900 });
    const page = await open('demo-article.html');
    const point = await hover(page, 'Lowy Institute');
    await page.waitForTimeout(250);
    expect(await cardTitle(page).count()).toBe(0);
    await expect.poll(() => cardTitle(page).textContent(), { timeout: 3_000 }).toBe('Lowy Institute');

    // Into the card, across the gap, and it stays open.
    const box = (await frame(page).boundingBox())!;
    await page.mouse.move(point.x, box.y + 30, { steps: 6 });
    await page.mouse.move(box.x + 40, box.y + 40, { steps: 3 });
    await page.waitForTimeout(700);
    expect(await cardTitle(page).textContent()).toBe('Lowy Institute');

    // Scrolling inside the card does not close it.
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(300);
    expect(await cardTitle(page).count()).toBe(1);

    await page.keyboard.press('Escape');
    await expect.poll(() => cardTitle(page).count()).toBe(0);
    await page.close();
    await setSettings({ hoverDelayMs: 250 });
  });

  it('opens at once on click, navigates to related names and back, and pins and drags', async () => {
    const page = await open('demo-article.html');
    const point = await locateText(page, 'Lydia Khalil');
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => cardTitle(page).textContent(), { timeout: 1_000 }).toBe('Lydia Khalil');

    await page.locator('backstory-card .chip', { hasText: 'Lowy Institute' }).first().click();
    await expect.poll(() => cardTitle(page).textContent()).toBe('Lowy Institute');
    await page.locator('backstory-card button[aria-label="Back"]').click();
    await expect.poll(() => cardTitle(page).textContent()).toBe('Lydia Khalil');

    await page.locator('backstory-card button.pin').click();
    expect(await page.locator('backstory-card button.pin').getAttribute('aria-pressed')).toBe('true');
    const before = (await frame(page).boundingBox())!;
    await page.mouse.move(before.x + 150, before.y + 40);
    await page.mouse.down();
    await page.mouse.move(before.x + 100, before.y + 140, { steps: 5 });
    await page.mouse.up();
    const after = (await frame(page).boundingBox())!;
    expect(Math.round(after.y - before.y)).toBe(100);
    // A pinned card survives the pointer leaving and a click elsewhere.
    await page.mouse.click(5, 600);
    await page.waitForTimeout(600);
    expect(await cardTitle(page).textContent()).toBe('Lydia Khalil');
    await page.close();
  });

  it('forgets a wrong link when the reader says "Not this", on that site only', async () => {
    const page = await open('demo-article.html');
    const marked = async () => (await readHighlights(page)).map((mark) => mark.text);
    expect(await marked()).toContain('Jalalabad');
    const point = await locateText(page, 'Jalalabad');
    await page.mouse.click(point.x, point.y);
    await page.locator('backstory-card .action-not-this').click();
    await expect.poll(() => page.locator('backstory-card .card-status').textContent()).toMatch(/“Jalalabad” will no longer link to Jalalabad on 127\.0\.0\.1/);
    await expect.poll(marked).not.toContain('Jalalabad');
    expect(await marked()).toContain('Kabul');
    const stored = await env.browser.context.serviceWorkers()[0]!.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      const { dismissals } = await api.storage.local.get('dismissals');
      await api.storage.local.set({ dismissals: {} });
      return dismissals;
    });
    expect(stored).toEqual({ '127.0.0.1': [{ entityId: 'jalalabad', text: 'jalalabad' }] });
    await expect.poll(marked).toContain('Jalalabad');
    await page.close();
  });

  it('follows the highlight settings: first mention only, kinds, and off', async () => {
    const page = await open('demo-article.html');
    const marked = async () => (await readHighlights(page)).map((mark) => mark.text);
    const all = await marked();
    expect(all.filter((text) => text === 'ISIS-K').length).toBeGreaterThan(1);
    await setSettings({ firstMentionOnly: true });
    await expect.poll(async () => (await marked()).filter((text) => text === 'ISIS-K').length).toBe(1);
    await setSettings({ firstMentionOnly: false, kinds: { person: false, organization: true, place: true, event: true } });
    await expect.poll(async () => (await marked()).includes('Lydia Khalil')).toBe(false);
    expect(await marked()).toContain('Kabul');
    await setSettings({ kinds: { person: true, organization: true, place: true, event: true }, highlightStyle: 'off' });
    await expect.poll(async () => (await marked()).length).toBe(0);
    await setSettings({ highlightStyle: 'underline' });
    await expect.poll(async () => (await marked()).length).toBe(all.length);
    await page.close();
  });

  it('steps through the names from the keyboard command and moves focus into the card', async () => {
    const page = await open('demo-article.html');
    const worker = env.browser.context.serviceWorkers()[0]!;
    const step = () =>
      // The same call the background makes when the command's shortcut is pressed.
      worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        const [tab] = await api.tabs.query({ active: true, currentWindow: true });
        return api.tabs.sendMessage(tab!.id!, { backstory: 'stepMention', params: { direction: 1 } });
      });
    await page.bringToFront();
    expect(await step()).toBe(true);
    await expect.poll(() => cardTitle(page).textContent()).toBe('Islamic State – Khorasan Province');
    expect(await step()).toBe(true);
    await expect.poll(() => cardTitle(page).textContent()).toBe('Afghanistan');
    const focused = await page.evaluate(() => {
      const host = document.activeElement;
      return host?.tagName === 'BACKSTORY-CARD' ? host.shadowRoot!.activeElement?.getAttribute('aria-label') : null;
    });
    expect(focused).toBe('Close card');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardTitle(page).count()).toBe(0);
    await page.close();
  });

  it('never runs off-screen at the four edges, and mirrors for right-to-left text', async () => {
    const page = await open('card-edges.html');
    const viewport = page.viewportSize()!;
    for (const name of ['Kabul', 'Herat', 'Kandahar', 'Jalalabad']) {
      const point = await locateText(page, name);
      await page.mouse.click(point.x, point.y);
      await expect.poll(() => cardTitle(page).count()).toBe(1);
      const box = (await frame(page).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.y, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height, name).toBeLessThanOrEqual(viewport.height);
      // Never covers the line it belongs to.
      expect(box.y >= point.y + 5 || box.y + box.height <= point.y - 5, name).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => cardTitle(page).count()).toBe(0);
    }
    // Right-to-left text: the card hangs from the name's right edge instead of its left.
    const rtlName = await page.evaluate(() => {
      const text = document.getElementById('rtl')!.firstChild!;
      const range = document.createRange();
      const at = text.nodeValue!.indexOf('کابل');
      range.setStart(text, at);
      range.setEnd(text, at + 4);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, right: rect.right };
    });
    await page.mouse.click(rtlName.x, rtlName.y);
    await expect.poll(() => cardTitle(page).textContent()).toBe('Kabul');
    const rtlBox = (await frame(page).boundingBox())!;
    expect(Math.abs(rtlBox.x + rtlBox.width - rtlName.right)).toBeLessThan(3);
    await page.close();
  });

  it('follows a dark page, and passes axe-core in light and dark', async () => {
    const light = await open('demo-article.html');
    await hover(light, 'Lydia Khalil');
    await expect.poll(() => cardTitle(light).textContent(), { timeout: 3_000 }).toBe('Lydia Khalil');
    expect(await light.locator('backstory-card .backstory-theme').getAttribute('class')).not.toContain('theme-dark');
    expect(await axeViolations(light)).toEqual([]);
    await light.close();

    const dark = await open('dark-article.html');
    await hover(dark, 'Hibatullah Akhundzada');
    await expect.poll(() => cardTitle(dark).textContent(), { timeout: 3_000 }).toBe('Hibatullah Akhundzada');
    expect(await dark.locator('backstory-card .backstory-theme').getAttribute('class')).toContain('theme-dark');
    expect(await axeViolations(dark)).toEqual([]);
    await dark.close();
  });

  it('takes the screenshots for the README: a person, an organisation, a place and an event, light and dark', async () => {
    const shots: [string, string, string][] = [
      ['demo-article.html', 'Lydia Khalil', 'person-light'],
      ['demo-article.html', 'Lowy Institute', 'organization-light'],
      ['demo-article.html', 'Dasht-e-Barchi', 'place-light'],
      ['demo-article.html', '2021 Kabul airport bombing', 'event-light'],
      ['dark-article.html', 'Sirajuddin Haqqani', 'person-dark'],
      ['dark-article.html', 'ISIS-K', 'organization-dark'],
      ['dark-article.html', 'Torkham', 'place-dark'],
      ['dark-article.html', '2021 Kabul airport bombing', 'event-dark'],
    ];
    for (const [path, name, file] of shots) {
      const page = await open(path);
      const point = await locateText(page, name);
      await page.mouse.click(point.x, point.y);
      await expect.poll(() => cardTitle(page).count()).toBe(1);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(SCREENSHOTS_DIR, `card-${file}.png`), animations: 'disabled' });
      await page.close();
    }
  });

  it('made no network request of its own and raised no page errors', () => {
    expect(foreignRequests(env.browser.requests, env.server.origin, env.browser.extensionId)).toEqual([]);
    expect(env.browser.pageErrors).toEqual([]);
  });
});
