import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createCardLookup } from '@/lib/dataset/cardData';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { withPacks } from '@/lib/dataset/packs';
import { createBundledLocatorMaps } from '@/lib/geo/bundledBorders';
import { loadTabState, showOnActiveTab } from '@/lib/messaging/activeTab';
import { openSidePanel } from '@/lib/messaging/openSidePanel';
import { createRecordSearch } from '@/lib/search/entitySearch';
import { packsItem, pendingQueryItem } from '@/lib/storage/items';
import { setSiteEnabled } from '@/lib/storage/siteSwitch';
import { PopupApp } from '@/lib/ui/PopupApp';
import '@/lib/ui/entityCard.css';
import '@/lib/ui/searchPanel.css';

// Bundled records plus the reader's enabled data packs.
const records = withPacks(loadBundledRecords(), await packsItem.getValue().catch(() => []));
const search = createRecordSearch(records);
const cardLookup = createCardLookup(records, createBundledLocatorMaps());
const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
let windowId: number | undefined;
void browser.windows?.getCurrent().then((window) => (windowId = window.id));

// A look-up from the context menu that found no confident match arrives here as a query.
const initialQuery = (await pendingQueryItem.getValue().catch(() => null)) ?? '';
if (initialQuery) void pendingQueryItem.setValue(null);

render(
  <PopupApp
    initialQuery={initialQuery}
    search={search}
    loadCard={async (id) => cardLookup(id)}
    loadTab={loadTabState}
    showOnPage={(id) => void showOnActiveTab(id).then(() => window.close())}
    setSiteEnabled={setSiteEnabled}
    openSidePanel={() => void openSidePanel(windowId).then(() => window.close(), () => undefined)}
    dark={dark}
  />,
  document.getElementById('app')!,
);
