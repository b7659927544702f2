import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  foreignRequests,
  locateText,
  readHighlights,
  SCREENSHOTS_DIR,
  useExtensionBrowser,
  waitForHighlights,
} from './harness';

const env = useExtensionBrowser();

describe('Backstory in Chromium', () => {
  it('marks the names on a news page with CSS highlights and leaves the DOM alone', async () => {
    const page = await env.browser.context.newPage();
    const response = await page.request.get(`${env.server.origin}/demo-article.html`);
    const servedText = await response.text();
    await page.goto(`${env.server.origin}/demo-article.html`);
    await waitForHighlights(page);
    const marks = await readHighlights(page);
    const texts = marks.map((mark) => mark.text);
    for (const name of ['ISIS-K', 'Hamid Karzai International Airport', 'Lydia Khalil', 'Lowy Institute', 'UNAMA', 'Dasht-e-Barchi', 'Ashraf Ghani', 'Joe Biden', 'Nangarhar', 'Kunar']) {
      expect(texts).toContain(name);
    }
    expect(marks.find((mark) => mark.text === 'Lydia Khalil')?.name).toBe('backstory-person');
    expect(marks.find((mark) => mark.text === 'Lowy Institute')?.name).toBe('backstory-organization');
    expect(marks.find((mark) => mark.text === 'Kunar')?.name).toBe('backstory-place');
    // Navigation links are site chrome, not article text.
    const navTexts = await page.locator('nav a').allTextContents();
    expect(navTexts).toContain('Taliban');
    expect(marks.filter((mark) => mark.text === 'Taliban').length).toBeGreaterThan(0);
    // The page's own markup is untouched: no wrappers, only the card host when a card opens.
    const bodyHtml = await page.evaluate(() => document.body.innerHTML);
    expect(bodyHtml).not.toContain('backstory');
    expect(servedText).toContain(await page.evaluate(() => document.querySelector('article p')!.outerHTML));
    await page.close();
  });

  it('shows the right card when the pointer rests on a name', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo-article.html`);
    await waitForHighlights(page);
    const point = await locateText(page, 'Lydia Khalil');
    await page.mouse.move(point.x - 40, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const title = page.locator('backstory-card .card-name');
    await expect.poll(() => title.textContent(), { timeout: 5_000 }).toBe('Lydia Khalil');
    await expect.poll(() => page.locator('backstory-card .card-description').textContent()).toMatch(/Lowy Institute/);
    expect(await page.locator('backstory-card .card-sources a').count()).toBeGreaterThan(0);
    const frame = await page.locator('backstory-card .card-frame').boundingBox();
    expect(frame).not.toBeNull();
    // Opens below the hovered line, inside the viewport.
    expect(frame!.y).toBeGreaterThan(point.y);
    expect(frame!.y + frame!.height).toBeLessThanOrEqual(900);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'card-person.png'), animations: 'disabled' });

    // A surname alone links to the person named in full earlier on the page.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('backstory-card .card-name').count()).toBe(0);
    const surname = await locateText(page, 'Khalil argues');
    await page.mouse.move(surname.x - 30, surname.y, { steps: 2 });
    await expect.poll(() => title.textContent(), { timeout: 5_000 }).toBe('Lydia Khalil');

    // The airport's card, and a related name opening in the same card.
    await page.keyboard.press('Escape');
    const airport = await locateText(page, 'Hamid Karzai International Airport');
    await page.mouse.move(airport.x, airport.y, { steps: 3 });
    await expect.poll(() => title.textContent(), { timeout: 5_000 }).toBe('Hamid Karzai International Airport');
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'card-place.png'), animations: 'disabled' });
    await page.close();
  });

  it('finds a badly typed name in the popup and opens its card', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/popup.html`);
    await page.setViewportSize({ width: 400, height: 600 });
    await page.locator('#backstory-search').fill('karzai airprt');
    const first = page.locator('.search-result').first();
    await expect.poll(() => first.locator('.result-name').textContent()).toBe('Hamid Karzai International Airport');
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-search.png'), animations: 'disabled' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.card-name').textContent()).toBe('Hamid Karzai International Airport');
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-card.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#backstory-search').count()).toBe(1);
    await page.close();
  });

  it('made no network request of its own and raised no page errors', () => {
    expect(foreignRequests(env.browser.requests, env.server.origin, env.browser.extensionId)).toEqual([]);
    expect(env.browser.pageErrors).toEqual([]);
  });
});
