import { browser } from 'wxt/browser';
import { createCardLookup } from '@/lib/dataset/cardData';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { withPacks, type DataPack } from '@/lib/dataset/packs';
import { createBundledLocatorMaps } from '@/lib/geo/bundledBorders';
import { handleMessages, sendToTab, type BackgroundProtocol } from '@/lib/messaging/protocol';
import { saveNote } from '@/lib/research/notes';
import { createRecordSearch } from '@/lib/search/entitySearch';
import { deskSelectionItem, packsItem, pendingQueryItem } from '@/lib/storage/items';

const LOOK_UP = 'backstory-look-up';
const SAVE_QUOTE = 'backstory-save-quote';

// The background holds the full records once, so no tab carries them; built on first use.
export default defineBackground(() => {
  let packs: DataPack[] = [];
  let lookup: ReturnType<typeof createCardLookup> | undefined;
  let search: ReturnType<typeof createRecordSearch> | undefined;
  const forget = (next: DataPack[] | null) => {
    packs = next ?? [];
    lookup = undefined;
    search = undefined;
  };
  const packsLoaded = packsItem.getValue().then(forget);
  packsItem.watch(forget);
  const records = () => withPacks(loadBundledRecords(), packs);
  const drawMap = createBundledLocatorMaps();
  const cardLookup = () => (lookup ??= createCardLookup(records(), drawMap));
  const entitySearch = () => (search ??= createRecordSearch(records()));

  handleMessages<BackgroundProtocol>({
    getEntityCard: async ({ id }) => {
      await packsLoaded;
      return cardLookup()(id);
    },
    openInSidePanel: async ({ entityId }, sender) => {
      const opening = openDeskFor(sender.tab);
      await deskSelectionItem.setValue(entityId);
      return opening;
    },
  });

  /** Called straight from the card's click, so the browser still counts it as the reader's gesture. */
  function openDeskFor(tab: { id?: number; windowId?: number } | undefined): Promise<boolean> {
    const api = browser as unknown as {
      sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
      sidebarAction?: { open(): Promise<void> };
    };
    const open = api.sidePanel
      ? api.sidePanel.open(tab?.id !== undefined ? { tabId: tab.id } : { windowId: tab?.windowId ?? -2 })
      : api.sidebarAction?.open();
    return (open ?? Promise.reject(new Error('no side panel'))).then(
      () => true,
      () => false,
    );
  }

  // Keyboard commands step through the names of the page in the active tab.
  browser.commands?.onCommand.addListener(async (command) => {
    const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
    if (!direction) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'stepMention', { direction }).catch(() => false);
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: LOOK_UP, title: 'Look up “%s” in Backstory', contexts: ['selection'] });
    browser.contextMenus.create({ id: SAVE_QUOTE, title: 'Save “%s” to Backstory notes', contexts: ['selection'] });
  });

  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    const text = (info.selectionText ?? '').trim().slice(0, 200);
    if (!text || tab?.id === undefined) return;
    if (info.menuItemId === LOOK_UP) {
      await packsLoaded;
      const [best] = entitySearch().search(text, { limit: 1 });
      const shown = best && best.score < 0.25 ? await sendToTab(tab.id, 'showEntityCard', { entityId: best.id }).catch(() => false) : false;
      if (shown) return;
      // No confident match: hand the text to the popup's search.
      await pendingQueryItem.setValue(text);
      await (browser.action as unknown as { openPopup?: () => Promise<void> }).openPopup?.().catch(() => undefined);
    } else if (info.menuItemId === SAVE_QUOTE) {
      const page = await sendToTab(tab.id, 'getPageInfo', {}).catch(() => undefined);
      await saveNote({
        quote: text,
        comment: '',
        tags: [],
        pageTitle: page?.title || tab.title || info.pageUrl || '',
        pageUrl: page?.url ?? info.pageUrl ?? '',
      });
    }
  });
});
