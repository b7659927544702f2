import { describe, expect, it, vi } from 'vitest';
import { LiveAnnotator, type LiveMention, type Scheduler } from '../../lib/annotate/liveAnnotator';
import { tinyMatcher } from './tinyDataset';

const matcher = tinyMatcher();

/** Runs idle work and timers when told to, so each step of the annotator can be watched. */
function manualScheduler(): Scheduler & { run(): void } {
  const queue: (() => void)[] = [];
  return {
    idle: (work) => queue.push(() => work(() => 50)),
    later: (work) => queue.push(work),
    run() {
      for (let guard = 0; queue.length > 0 && guard < 1000; guard++) queue.shift()!();
    },
  };
}

async function settle(scheduler: { run(): void }) {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    scheduler.run();
  }
}

/** Starts reading and runs the scheduler until the reading is done (however many slices it takes). */
async function startAndSettle(annotator: LiveAnnotator, scheduler: { run(): void }) {
  const reading = annotator.start();
  await settle(scheduler);
  await reading;
  await settle(scheduler);
}

function setup(html: string, isDismissed?: (entityId: string, text: string) => boolean) {
  document.body.innerHTML = html;
  const scheduler = manualScheduler();
  const marked = new Map<string, LiveMention>();
  const changes = { added: 0, removed: 0 };
  const annotator = new LiveAnnotator({
    root: document,
    matcher,
    scheduler,
    isDismissed,
    onChange: (added, removed) => {
      changes.added += added.length;
      changes.removed += removed.length;
      for (const mention of removed) marked.delete(mention.key);
      for (const mention of added) marked.set(mention.key, mention);
    },
  });
  const texts = () => [...marked.values()].map((m) => `${m.text}→${m.entityId}`).sort();
  return { annotator, scheduler, texts, changes };
}

describe('LiveAnnotator', () => {
  it('reads the page once and keeps one page, one meaning across passages', async () => {
    const { annotator, scheduler, texts } = setup('<p>Lydia Khalil met officials in <b>Kabul</b>.</p><p>Khalil said little.</p>');
    await startAndSettle(annotator, scheduler);
    expect(texts()).toEqual(['Kabul→kabul', 'Khalil→lydia-khalil', 'Lydia Khalil→lydia-khalil']);
    annotator.stop();
  });

  it('marks added text, forgets removed text and re-decides short forms as evidence changes', async () => {
    const { annotator, scheduler, texts } = setup('<p id="a">Khalil said little.</p>');
    await startAndSettle(annotator, scheduler);
    expect(texts()).toEqual([]);
    const later = document.createElement('p');
    later.textContent = 'Lydia Khalil, of the Lowy Institute, spoke in Kabul.';
    document.body.append(later);
    await settle(scheduler);
    expect(texts()).toEqual(['Kabul→kabul', 'Khalil→lydia-khalil', 'Lydia Khalil→lydia-khalil']);
    later.remove();
    await settle(scheduler);
    expect(texts()).toEqual([]);
    annotator.stop();
  });

  it('reads appended paragraphs alone, without re-reading (and re-marking) the rest of the page', async () => {
    const { annotator, scheduler, texts, changes } = setup('<article><p>Officials met in Kabul.</p>\n<p>The Taliban said little.</p></article>');
    await startAndSettle(annotator, scheduler);
    expect(changes).toEqual({ added: 2, removed: 0 });
    const article = document.querySelector('article')!;
    article.insertAdjacentHTML('beforeend', '\n<p>Later, in Kabul again.</p>\n<p>Lydia Khalil spoke.</p>');
    await settle(scheduler);
    expect(changes).toEqual({ added: 4, removed: 0 });
    expect(texts()).toEqual(['Kabul→kabul', 'Kabul→kabul', 'Lydia Khalil→lydia-khalil', 'Taliban→taliban']);
    // Text put straight into the article's own passage still re-reads that passage.
    article.append('Talks in Kabul.');
    await settle(scheduler);
    expect(texts()).toContain('Kabul→kabul');
    expect(texts().filter((text) => text === 'Kabul→kabul')).toHaveLength(3);
    annotator.stop();
  });

  it('applies pending changes at once when flushed', async () => {
    const { annotator, scheduler, texts } = setup('<p id="a">Nothing here.</p>');
    await startAndSettle(annotator, scheduler);
    document.getElementById('a')!.textContent = 'Now in Kabul.';
    annotator.flush();
    expect(texts()).toEqual(['Kabul→kabul']);
    annotator.stop();
  });

  it('leaves out links the reader dismissed', async () => {
    const { annotator, scheduler, texts } = setup('<p>Kabul and the Taliban.</p>', (entityId) => entityId === 'kabul');
    await startAndSettle(annotator, scheduler);
    expect(texts()).toEqual(['Taliban→taliban']);
    annotator.stop();
  });

  it('takes every mark away when stopped', async () => {
    const { annotator, scheduler, texts } = setup('<p>Kabul.</p>');
    await startAndSettle(annotator, scheduler);
    annotator.stop();
    expect(texts()).toEqual([]);
  });
});

describe('LiveAnnotator against the annotate CLI', () => {
  it('ends with the same links as one reading of the whole page, however many slices and decisions it took', async () => {
    const { buildMatcher } = await import('../../lib/matcher/findMatches');
    const { annotateDocumentBody } = await import('../../lib/annotate/documentMentions');
    const { readGeneratedNameIndex, readGeneratedRecords } = await import('../../scripts/generatedDataset');
    const { syntheticArticle } = await import('../../scripts/bench/syntheticArticle');
    const shipped = buildMatcher(readGeneratedNameIndex());
    const html = syntheticArticle(readGeneratedRecords(), 30_000, 5).html;
    document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));
    const expected = annotateDocumentBody(shipped, document).mentions.map((m) => `${m.text}→${m.entity.id}`).sort();

    const scheduler = manualScheduler();
    const marked = new Map<string, LiveMention>();
    let deliveries = 0;
    // Tiny slices and a decision after every one: the page is decided dozens of times as it is read.
    const annotator = new LiveAnnotator({
      root: document,
      matcher: shipped,
      scheduler: { ...scheduler, idle: (work) => scheduler.idle(() => work(() => 0)) },
      sliceMs: 1,
      decisionIntervalMs: 0,
      onChange: (added, removed) => {
        deliveries++;
        for (const mention of removed) marked.delete(mention.key);
        for (const mention of added) marked.set(mention.key, mention);
      },
    });
    // A clock that moves on at every reading of it: each slice holds only a block or two, on any machine.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 0.4));
    let done = false;
    const reading = annotator.start().then(() => (done = true));
    for (let round = 0; round < 200 && !done; round++) await settle(scheduler);
    await reading;
    await settle(scheduler);
    clock.mockRestore();
    expect(expected.length).toBeGreaterThan(100);
    expect(deliveries).toBeGreaterThan(30);
    expect([...marked.values()].map((m) => `${m.text}→${m.entityId}`).sort()).toEqual(expected);
    annotator.stop();
  });
});
