import { render } from 'preact';
import { downloadFile } from '@/lib/ui/downloadFile';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createCardLookup } from '@/lib/dataset/cardData';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { withPacks } from '@/lib/dataset/packs';
import { createBundledLocatorMaps } from '@/lib/geo/bundledBorders';
import { loadTabState, showOnActiveTab } from '@/lib/messaging/activeTab';
import type { TabState } from '@/lib/messaging/protocol';
import { mergeResearch, notesToCsv, parseJsonExport, toJson, toMarkdown } from '@/lib/research/exportData';
import { deskSelectionItem, historyItem, notesItem, packsItem, settingsItem, withDefaults, type Note, type Settings, type Sighting } from '@/lib/storage/items';
import { ResearchDesk, type ExportFormat } from '@/lib/ui/ResearchDesk';
import '@/lib/ui/entityCard.css';
import '@/lib/ui/searchPanel.css';
import '@/lib/ui/researchDesk.css';

// Bundled records plus the reader's enabled data packs.
const records = withPacks(loadBundledRecords(), await packsItem.getValue().catch(() => []));
const byId = new Map(records.map((record) => [record.id, record]));
const cardLookup = createCardLookup(records, createBundledLocatorMaps());
const entityName = (id: string) => byId.get(id)?.name ?? id;
const eventDate = (id: string) => byId.get(id)?.dates?.start;

function Desk() {
  const [tab, setTab] = useState<TabState | undefined>(undefined);
  const [notes, setNotes] = useState<Note[]>([]);
  const [history, setHistory] = useState<Record<string, Sighting[]>>({});
  const [settings, setSettings] = useState<Settings>(withDefaults(undefined));
  const [focusId, setFocusId] = useState<string | null>(null);
  const refreshTab = useCallback(() => void loadTabState().then(setTab), []);

  useEffect(() => {
    void notesItem.getValue().then(setNotes);
    void historyItem.getValue().then(setHistory);
    void settingsItem.getValue().then((value) => setSettings(withDefaults(value)));
    void deskSelectionItem.getValue().then(setFocusId);
    const unwatch = [
      deskSelectionItem.watch((value) => setFocusId(value)),
      notesItem.watch((value) => setNotes(value ?? [])),
      historyItem.watch((value) => setHistory(value ?? {})),
      settingsItem.watch((value) => setSettings(withDefaults(value))),
    ];
    refreshTab();
    // The desk follows the reader from tab to tab and page to page.
    const onActivated = () => refreshTab();
    const onUpdated = (_id: number, change: { status?: string }) => {
      if (change.status === 'complete') setTimeout(refreshTab, 300);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      unwatch.forEach((stop) => stop());
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [refreshTab]);

  const stamp = new Date().toISOString().slice(0, 10);
  const exportData = (format: ExportFormat) => {
    if (format === 'json') downloadFile(`backstory-${stamp}.json`, 'application/json', toJson({ notes, history }));
    else if (format === 'csv') downloadFile(`backstory-notes-${stamp}.csv`, 'text/csv', notesToCsv(notes));
    else downloadFile(`backstory-${stamp}.md`, 'text/markdown', toMarkdown({ notes, history }, entityName));
  };

  return (
    <ResearchDesk
      tab={tab}
      focusId={focusId}
      notes={notes}
      history={history}
      historyEnabled={settings.historyEnabled}
      retentionDays={settings.historyRetentionDays}
      entityName={entityName}
      eventDate={eventDate}
      loadCard={async (id) => cardLookup(id)}
      showOnPage={(id) => void showOnActiveTab(id)}
      updateNote={async (note) => {
        const current = await notesItem.getValue();
        await notesItem.setValue(current.map((existing) => (existing.id === note.id ? note : existing)));
      }}
      deleteNote={async (id) => {
        const current = await notesItem.getValue();
        await notesItem.setValue(current.filter((note) => note.id !== id));
      }}
      clearHistory={() => historyItem.setValue({})}
      exportData={exportData}
      importData={async (text) => {
        const parsed = parseJsonExport(text);
        if (!parsed.ok) return `Nothing was imported. ${parsed.error}`;
        const merged = mergeResearch({ notes: await notesItem.getValue(), history: await historyItem.getValue() }, parsed.data);
        try {
          await notesItem.setValue(merged.notes);
          await historyItem.setValue(merged.history);
        } catch (error) {
          return `Import failed, storage refused it: ${error instanceof Error ? error.message : String(error)}`;
        }
        return `Imported ${parsed.data.notes.length} notes and history for ${Object.keys(parsed.data.history).length} names.`;
      }}
      dark={window.matchMedia('(prefers-color-scheme: dark)').matches}
    />
  );
}

render(<Desk />, document.getElementById('app')!);
