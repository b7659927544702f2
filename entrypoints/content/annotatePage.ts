import { compareRangeStarts } from '@/lib/page/rangeGeometry';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LiveAnnotator, type LiveMention } from '@/lib/annotate/liveAnnotator';
import type { Matcher } from '@/lib/matcher/findMatches';
import { foldForMatching } from '@/lib/matcher/normalize';
import { claimEarlyHighlightStyles, installHighlightStyles, PageHighlights, supportsHighlights } from '@/lib/page/highlights';
import { MentionHitTester } from '@/lib/page/hitTest';
import { ViewportHighlights } from '@/lib/page/viewportHighlights';
import type { Dismissal, Settings } from '@/lib/storage/items';

export type { LiveMention };

export interface AnnotatedPage {
  annotator: LiveAnnotator;
  hitTester: MentionHitTester<LiveMention>;
  highlights: PageHighlights;
  /** Resolves when the whole page has been read once. */
  ready: Promise<void>;
  applySettings(settings: Settings): void;
  nameOf(entityId: string): string;
  setDismissals(dismissals: Dismissal[]): void;
}

/** Scan → match → resolve → highlight, kept current as the page changes. */
export function startAnnotating(
  ctx: ContentScriptContext,
  doc: Document,
  matcher: Matcher,
  initialSettings: Settings,
  initialDismissals: Dismissal[],
  signal: AbortSignal,
): AnnotatedPage | undefined {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !supportsHighlights(win)) return undefined;
  const names = new Map(matcher.index.entities.map((entity) => [entity.id, entity.name]));

  let settings = initialSettings;
  let dismissed = new Set(initialDismissals.map((d) => `${d.entityId}|${d.text}`));
  const firstMentions = new Map<string, LiveMention>();
  const isShown = (mention: LiveMention) =>
    settings.highlightStyle !== 'off' &&
    settings.kinds[mention.type] &&
    (!settings.firstMentionOnly || firstMentions.get(mention.entityId) === mention);

  const styleRemovers: (() => void)[] = [];
  const styledRoots: (Document | ShadowRoot)[] = [doc];
  const styleAll = () => {
    styleRemovers.splice(0).forEach((remove) => remove());
    if (settings.highlightStyle === 'off') {
      claimEarlyHighlightStyles()?.remove();
      return;
    }
    for (const root of styledRoots) styleRemovers.push(installHighlightStyles(root, settings.highlightStyle));
  };
  styleAll();

  const highlights = new PageHighlights(win);
  const viewport = new ViewportHighlights<LiveMention>(highlights, win, isShown);
  const hitTester = new MentionHitTester<LiveMention>();
  const annotator = new LiveAnnotator({
    root: doc,
    matcher,
    scheduler: {
      idle: (work) => ctx.requestIdleCallback((deadline) => work(() => deadline.timeRemaining()), { timeout: 250 }),
      later: (work, ms) => ctx.setTimeout(work, ms),
    },
    isDismissed: (entityId, text) => dismissed.size > 0 && dismissed.has(`${entityId}|${foldForMatching(text)}`),
    onShadowRoot: (shadowRoot) => {
      hitTester.addShadowRoot(shadowRoot);
      styledRoots.push(shadowRoot);
      if (settings.highlightStyle !== 'off') styleRemovers.push(installHighlightStyles(shadowRoot, settings.highlightStyle));
    },
    // One entry, replaced each time: the benchmark times changes by it, and the timeline never grows.
    onSettled: () => {
      performance.clearMarks('backstory:settled');
      performance.mark('backstory:settled');
    },
    onChange: (added, removed) => {
      viewport.remove(removed);
      for (const mention of removed) {
        hitTester.remove(mention);
        if (firstMentions.get(mention.entityId) === mention) firstMentions.delete(mention.entityId);
      }
      for (const mention of added) {
        hitTester.add(mention);
        const first = firstMentions.get(mention.entityId);
        if (!first || compareRangeStarts(mention.range, first.range) < 0) {
          firstMentions.set(mention.entityId, mention);
        }
      }
      viewport.add(added);
      if (settings.firstMentionOnly) viewport.refresh();
    },
  });
  // Where the sheet adopted at document_start could not be kept (another look, or none adopted),
  // adopting one now restyles the whole document once (40-70 ms on a 1M-character page). Reading
  // starts after the next frame has done that, so the first slice's layout reads do not force it
  // inside the extension's own task.
  const afterNextFrame = new Promise<void>((resolve) => win.requestAnimationFrame(() => win.setTimeout(resolve, 0)));
  const ready = afterNextFrame.then(() => (signal.aborted ? undefined : annotator.start())).then(() => {
    performance.measure('backstory:page-read', 'backstory:start');
  });

  // Single-page apps change the address without a load: read the new page from scratch.
  let lastUrl = location.href;
  ctx.addEventListener(win, 'wxt:locationchange', () => {
    if (signal.aborted || location.href === lastUrl) return;
    lastUrl = location.href;
    void annotator.restart();
  });

  signal.addEventListener('abort', () => {
    annotator.stop();
    viewport.destroy();
    highlights.destroy();
    hitTester.clear();
    styleRemovers.forEach((remove) => remove());
  });

  return {
    annotator,
    hitTester,
    highlights,
    ready,
    nameOf: (entityId) => names.get(entityId) ?? entityId,
    applySettings(next) {
      const styleChanged = next.highlightStyle !== settings.highlightStyle;
      settings = next;
      if (styleChanged) styleAll();
      viewport.refresh();
    },
    setDismissals(next) {
      dismissed = new Set(next.map((d) => `${d.entityId}|${d.text}`));
      annotator.refresh();
    },
  };
}
