import { createCardLookup } from '@/lib/dataset/cardData';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { createBundledLocatorMaps } from '@/lib/geo/bundledBorders';
import { handleMessages, sendToTab, type BackgroundProtocol } from '@/lib/messaging/protocol';

// The background holds the full records once, so no tab carries them.
export default defineBackground(() => {
  let lookup: ReturnType<typeof createCardLookup> | undefined;
  const cardLookup = () => (lookup ??= createCardLookup(loadBundledRecords(), createBundledLocatorMaps()));
  handleMessages<BackgroundProtocol>({
    getEntityCard: ({ id }) => cardLookup()(id),
  });
  // Keyboard commands step through the names of the page in the active tab.
  browser.commands?.onCommand.addListener(async (command) => {
    const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
    if (!direction) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'stepMention', { direction }).catch(() => false);
  });
});
