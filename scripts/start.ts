/**
 * `npm start`: build the extension, serve the bundled demo article on 127.0.0.1 and open it in
 * Chromium with Backstory loaded. Without a display it says so, runs headless instead, saves a
 * screenshot of a hovered card and prints the names it marked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, launchWithExtension, locateText, readHighlights, ROOT, servePages, waitForHighlights } from '../tests/e2e/harness';

const DEMO = 'demo-article.html';

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium was not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  console.log('Building the extension…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
const server = await servePages();
const url = `${server.origin}/${DEMO}`;
const browser = await launchWithExtension({ headless: !headed });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(url);
await waitForHighlights(page);
const marks = await readHighlights(page);
const names = [...new Set(marks.map((mark) => mark.text))];
console.log(`\nBackstory marked ${marks.length} mentions of ${names.length} names on ${url}:`);
console.log(`  ${names.join(', ')}\n`);

if (headed) {
  console.log('Chromium is open with Backstory loaded: rest the pointer on a marked name to see its card.');
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  await new Promise<void>((resolve) => {
    browser.context.on('close', () => resolve());
    process.on('SIGINT', () => resolve());
  });
} else {
  console.log('No display found (DISPLAY is not set), so Chromium ran headless.');
  const point = await locateText(page, 'Lydia Khalil');
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await page.locator('backstory-card .card-name').waitFor({ timeout: 10_000 });
  const outDir = join(ROOT, '.output');
  mkdirSync(outDir, { recursive: true });
  const shot = join(outDir, 'demo-card.png');
  await page.screenshot({ path: shot, animations: 'disabled' });
  console.log(`Hovered "Lydia Khalil": card "${await page.locator('backstory-card .card-name').textContent()}" shown.`);
  console.log(`Screenshot saved to ${shot}`);
}
await browser.close();
await server.close();
