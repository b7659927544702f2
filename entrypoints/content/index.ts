import entityCardCss from '@/lib/ui/entityCard.css?inline';
import { handleMessages, type ContentProtocol } from '@/lib/messaging/protocol';
import { loadPackagedNameIndex, PACKAGED_NAME_INDEX_PATH } from '@/lib/dataset/packagedNameIndex';
import { CONTENT_MATCHES, isForeignFrame } from '@/lib/page/contentScope';
import type { NameIndex } from '@/lib/dataset/compiled';
import { nameIndexWithPacks } from '@/lib/dataset/packs';
import type { DataPack } from '@/lib/dataset/packs';
import { buildMatcher, type Matcher } from '@/lib/matcher/findMatches';
import { dismissalsItem, packsItem, settingsItem, withDefaults, type Dismissal, type Settings } from '@/lib/storage/items';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isSiteEnabled } from '@/lib/storage/siteSwitch';
import { startAnnotating } from './annotatePage';
import { createCardActions } from './cardActions';
import { startHoverCards, type HoverCards } from './hoverCards';
import { startPageCommands } from './pageCommands';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  allFrames: true,
  async main(ctx) {
    if (isForeignFrame(window)) return;
    performance.mark('backstory:start');
    const site = location.hostname;
    // The storage reads and the name index travel together.
    const stored = Promise.all([settingsItem.getValue(), dismissalsItem.getValue(), packsItem.getValue()]);
    const packaged = packagedMatcher();
    const [storedSettings, storedDismissals, storedPacks] = await stored;
    let settings = withDefaults(storedSettings);
    let firstRun: FirstRun | undefined = { dismissals: storedDismissals, packs: storedPacks, matcher: packaged };
    let running = false;
    const isOff = (current: Settings) => !isSiteEnabled(current, site);
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
      const reuse = firstRun;
      firstRun = undefined;
      stopRun = await annotateThisPage(ctx, site, () => settings, reuse, () => {
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
    else {
      // Switched off here: let the index and matcher go; switching on reads them again.
      firstRun = undefined;
      cachedPackagedMatcher = undefined;
    }
  },
});

/** What the first reading already has in hand: storage as read at start, the matcher of the packaged index. */
interface FirstRun {
  dismissals: Record<string, Dismissal[]>;
  packs: DataPack[];
  matcher: Promise<Matcher>;
}

function packagedNameIndex(): Promise<NameIndex> {
  // Added to the package by a build hook, so WXT's list of public paths does not know it.
  const runtime = browser.runtime as unknown as { getURL(path: string): string };
  return loadPackagedNameIndex(runtime.getURL(PACKAGED_NAME_INDEX_PATH));
}

let cachedPackagedMatcher: Promise<Matcher> | undefined;
function packagedMatcher(): Promise<Matcher> {
  cachedPackagedMatcher ??= packagedNameIndex().then((index) => {
    const matcher = buildMatcher(index);
    performance.measure('backstory:index-ready', 'backstory:start');
    return matcher;
  });
  return cachedPackagedMatcher;
}

async function matcherFor(packs: DataPack[]): Promise<Matcher> {
  return packs.some((pack) => pack.enabled) ? buildMatcher(nameIndexWithPacks(await packagedNameIndex(), packs)) : packagedMatcher();
}

/** One reading of the page; returns how to end it (switching off, or a new dataset). */
async function annotateThisPage(
  ctx: ContentScriptContext,
  site: string,
  settings: () => Settings,
  firstRun: FirstRun | undefined,
  onStop: () => void,
) {
  // Everything this run installs dies with its own signal, so switching off leaves the page as it was.
  const run = new AbortController();
  const [dismissals, packs] = firstRun
    ? [firstRun.dismissals, firstRun.packs]
    : await Promise.all([dismissalsItem.getValue(), packsItem.getValue()]);
  const matcher = await (firstRun && !packs.some((pack) => pack.enabled) ? firstRun.matcher : matcherFor(packs));
  const page = startAnnotating(ctx, document, matcher, settings(), dismissals[site] ?? [], run.signal);
  if (!page) return () => undefined;
  let cards: HoverCards | undefined;
  const actions = createCardActions(document, () => cards?.activeMention());
  cards = startHoverCards(ctx, document, page, entityCardCss, () => settings().hoverDelayMs, actions, run.signal);
  startPageCommands(page, cards, settings, run.signal);
  const unwatchSettings = settingsItem.watch((next) => {
    const current = withDefaults(next);
    if (!isSiteEnabled(current, site)) run.abort();
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
