import { browser } from 'wxt/browser';
import { sendToTab, type TabState } from './protocol';

/**
 * The tab the popup or side panel is about: the active one of the current window, unless the page
 * was opened for a given tab (`?tabId=`), as when it is opened in a tab of its own.
 */
export async function activeTabId(): Promise<number | undefined> {
  const requested = Number(new URLSearchParams(globalThis.location?.search).get('tabId'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Asks the tab's content script what it found; a tab without one is a page Backstory cannot read. */
export async function loadTabState(): Promise<TabState> {
  const tabId = await activeTabId();
  if (tabId === undefined) return { site: undefined, enabled: false, entities: undefined };
  try {
    const info = await sendToTab(tabId, 'getPageInfo', {});
    const entities = info.enabled ? await sendToTab(tabId, 'getPageEntities', {}).catch(() => undefined) : [];
    return { site: info.site, enabled: info.enabled, entities };
  } catch {
    return { site: undefined, enabled: false, entities: undefined };
  }
}

export async function showOnActiveTab(entityId: string): Promise<void> {
  const tabId = await activeTabId();
  if (tabId !== undefined) await sendToTab(tabId, 'showMention', { entityId }).catch(() => false);
}
