import entityCardCss from '@/lib/ui/entityCard.css?inline';
import { handleMessages, type ContentProtocol } from '@/lib/messaging/protocol';
import { loadBundledNameIndex } from '@/lib/dataset/bundledDataset';
import { nameIndexWithPacks } from '@/lib/dataset/packs';
import { dismissalsItem, packsItem, settingsItem, withDefaults, type Settings } from '@/lib/storage/items';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startAnnotating } from './annotatePage';
import { createCardActions } from './cardActions';
import { startHoverCards, type HoverCards } from './hoverCards';
import { startPageCommands } from './pageCommands';

/** Frames of another origin belong to someone else (ads, embeds): only same-origin frames are read. */
function isForeignFrame(): boolean {
  if (window.top === window) return false;
  try {
    return window.top!.location.origin !== location.origin;
  } catch {
    return true;
  }
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: true,
  async main(ctx) {
    if (isForeignFrame()) return;
    performance.mark('backstory:start');
    const site = location.hostname;
    let settings = withDefaults(await settingsItem.getValue());
    let running = false;
    const isOff = (current: Settings) => current.disabledSites.includes(site);
    // Answered even while off, so the popup can say so and switch it back on.
    ctx.onInvalidated(
      handleMessages<Pick<ContentProtocol, 'getPageInfo'>>({
        getPageInfo: () => ({ site, enabled: running, title: document.title, url: location.href }),
      }),
    );
    const unwatchSettings = settingsItem.watch((next) => {
      settings = withDefaults(next);
      if (!running && !isOff(settings)) void start();
    });
    ctx.onInvalidated(unwatchSettings);

    let stopRun: (() => void) | undefined;
    const start = async () => {
      running = true;
      stopRun = await annotateThisPage(ctx, site, () => settings, () => {
        running = false;
      });
    };
    // A data pack imported, switched or removed: read the page again with the new names.
    ctx.onInvalidated(
      packsItem.watch(() => {
        if (!running) return;
        stopRun?.();
        void start();
      }),
    );
    if (!isOff(settings)) await start();
  },
});

/** One reading of the page; returns how to end it (switching off, or a new dataset). */
async function annotateThisPage(ctx: ContentScriptContext, site: string, settings: () => Settings, onStop: () => void) {
  // Everything this run installs dies with its own signal, so switching off leaves the page as it was.
  const run = new AbortController();
  const [dismissals, packs] = await Promise.all([dismissalsItem.getValue(), packsItem.getValue()]);
  const nameIndex = nameIndexWithPacks(loadBundledNameIndex(), packs);
  const page = startAnnotating(ctx, document, nameIndex, settings(), dismissals[site] ?? [], run.signal);
  if (!page) return () => undefined;
  let cards: HoverCards | undefined;
  const actions = createCardActions(document, () => cards?.activeMention());
  cards = startHoverCards(ctx, document, page, entityCardCss, () => settings().hoverDelayMs, actions, run.signal);
  startPageCommands(page, cards, settings, run.signal);
  const unwatchSettings = settingsItem.watch((next) => {
    const current = withDefaults(next);
    if (current.disabledSites.includes(site)) run.abort();
    else page.applySettings(current);
  });
  const unwatchDismissals = dismissalsItem.watch((next) => page.setDismissals(next?.[site] ?? []));
  run.signal.addEventListener('abort', () => {
    unwatchSettings();
    unwatchDismissals();
    onStop();
  });
  ctx.onInvalidated(() => run.abort());
  return () => run.abort();
}
