import { useEffect, useState } from 'preact/hooks';
import type { EntityCardData } from '../dataset/cardData';
import type { TabState } from '../messaging/protocol';
import type { EntitySearch } from '../search/entitySearch';
import { PageEntityList } from './PageEntityList';
import { SearchPanel } from './SearchPanel';

export interface PopupAppProps {
  search: EntitySearch;
  loadCard: (id: string) => Promise<EntityCardData | null>;
  loadTab: () => Promise<TabState>;
  showOnPage: (id: string) => void;
  setSiteEnabled: (site: string, enabled: boolean) => Promise<void>;
  openSidePanel?: () => void;
  dark?: boolean;
  initialQuery?: string;
}

type Tab = 'search' | 'page';

export function PopupApp({ search, loadCard, loadTab, showOnPage, setSiteEnabled, openSidePanel, dark = false, initialQuery }: PopupAppProps) {
  const [tab, setTab] = useState<Tab>('search');
  const [tabState, setTabState] = useState<TabState | undefined>(undefined);
  useEffect(() => {
    void loadTab().then(setTabState);
  }, [loadTab]);

  const toggleSite = async () => {
    if (!tabState?.site) return;
    await setSiteEnabled(tabState.site, !tabState.enabled);
    setTabState({ ...tabState, enabled: !tabState.enabled, entities: tabState.enabled ? [] : tabState.entities });
  };
  const count = tabState?.entities?.length;

  return (
    <div class={`backstory-theme popup${dark ? ' theme-dark' : ''}`}>
      <nav class="popup-tabs" role="tablist" aria-label="Backstory">
        <button type="button" role="tab" id="tab-search" aria-selected={tab === 'search'} aria-controls="panel-search" onClick={() => setTab('search')}>
          Search
        </button>
        <button type="button" role="tab" id="tab-page" aria-selected={tab === 'page'} aria-controls="panel-page" onClick={() => setTab('page')}>
          On this page{count !== undefined ? ` (${count})` : ''}
        </button>
      </nav>
      <div id="panel-search" role="tabpanel" aria-labelledby="tab-search" hidden={tab !== 'search'}>
        <SearchPanel search={search} loadCard={loadCard} dark={dark} initialQuery={initialQuery} />
      </div>
      <div id="panel-page" role="tabpanel" aria-labelledby="tab-page" hidden={tab !== 'page'} class="page-panel">
        {!tabState ? (
          <p class="muted">Reading this page…</p>
        ) : !tabState.site ? (
          <p class="muted">Backstory does not run on this kind of page.</p>
        ) : !tabState.enabled ? (
          <p class="muted">Backstory is off for {tabState.site}.</p>
        ) : tabState.entities === undefined ? (
          <p class="muted">This page has not been read yet: reload it to let Backstory read it.</p>
        ) : tabState.entities.length === 0 ? (
          <p class="muted">No names from Backstory's dataset on this page.</p>
        ) : (
          <PageEntityList entities={tabState.entities} onShow={showOnPage} />
        )}
      </div>
      <footer class="popup-footer">
        {tabState?.site && (
          <label class="site-switch">
            <input type="checkbox" role="switch" checked={tabState.enabled} onChange={() => void toggleSite()} />
            <span>
              On for <strong>{tabState.site}</strong>
            </span>
          </label>
        )}
        {openSidePanel && (
          <button type="button" class="link-button" onClick={openSidePanel}>
            Open research desk
          </button>
        )}
      </footer>
    </div>
  );
}
