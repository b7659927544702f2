import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EntityCardData } from '../dataset/cardData';
import type { TabState } from '../messaging/protocol';
import type { Note, Sighting } from '../storage/items';
import { formatIsoDate } from './formatDate';
import { NavigableCard } from './NavigableCard';
import { PageEntityList } from './PageEntityList';

/**
 * The side panel: what this page mentions, the reader's notes and where they met each name before,
 * with exports. Fed by props; the entry point wires storage and the active tab.
 */
export type ExportFormat = 'markdown' | 'csv' | 'json';

export interface ResearchDeskProps {
  tab: TabState | undefined;
  /** An entity to show at once (a card's "Open in side panel"). */
  focusId?: string | null;
  notes: Note[];
  history: Record<string, Sighting[]>;
  historyEnabled: boolean;
  retentionDays: number;
  entityName: (id: string) => string;
  eventDate: (id: string) => string | undefined;
  loadCard: (id: string) => Promise<EntityCardData | null>;
  showOnPage: (id: string) => void;
  updateNote: (note: Note) => Promise<void>;
  deleteNote: (id: string) => Promise<void>;
  clearHistory: () => Promise<void>;
  exportData: (format: ExportFormat) => void;
  /** Returns a message for the reader: what was imported, or why nothing was. */
  importData: (text: string) => Promise<string>;
  dark?: boolean;
}

type Section = 'page' | 'notes' | 'history';

function NoteItem({ note, onSave, onDelete }: { note: Note; onSave: (note: Note) => Promise<void>; onDelete: () => Promise<void> }) {
  const [comment, setComment] = useState(note.comment);
  const [tags, setTags] = useState(note.tags.join(', '));
  // Only another note replaces what is being typed; a save of this one must not undo the other field.
  useEffect(() => {
    setComment(note.comment);
    setTags(note.tags.join(', '));
  }, [note.id]);
  const save = () => {
    const nextTags = tags.split(',').map((tag) => tag.trim()).filter(Boolean);
    if (comment === note.comment && nextTags.join('|') === note.tags.join('|')) return;
    void onSave({ ...note, comment, tags: nextTags, updatedAt: new Date().toISOString() });
  };
  return (
    <li class="note" data-note-id={note.id}>
      <div class="note-head">
        <strong class="note-entity">{note.entityName ?? 'Quote'}</strong>
        <time dateTime={note.createdAt}>{formatIsoDate(note.createdAt.slice(0, 10))}</time>
      </div>
      {note.quote && <blockquote class="note-quote">{note.quote}</blockquote>}
      <a class="note-page" href={note.pageUrl} target="_blank" rel="noopener noreferrer">
        {note.pageTitle}
      </a>
      <label class="field">
        <span>Your note</span>
        <textarea rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} onBlur={save} />
      </label>
      <label class="field">
        <span>Tags</span>
        <input type="text" value={tags} placeholder="comma, separated" onInput={(e) => setTags(e.currentTarget.value)} onBlur={save} />
      </label>
      <button type="button" class="danger" onClick={() => void onDelete()}>
        Delete note
      </button>
    </li>
  );
}

export function ResearchDesk(props: ResearchDeskProps) {
  const { tab, notes, history, entityName, eventDate, dark = false } = props;
  const [section, setSection] = useState<Section>('page');
  const [selected, setSelected] = useState<EntityCardData | null>(null);
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!props.focusId) return;
    setSection('page');
    void props.loadCard(props.focusId).then(setSelected);
  }, [props.focusId]);

  const visibleNotes = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return notes;
    return notes.filter((note) =>
      [note.entityName, note.quote, note.comment, note.pageTitle, ...note.tags].some((field) => field?.toLowerCase().includes(needle)),
    );
  }, [notes, filter]);

  const pageEvents = useMemo(
    () =>
      (tab?.entities ?? [])
        .filter((entity) => entity.type === 'event')
        .map((entity) => ({ ...entity, date: eventDate(entity.id) }))
        .filter((entity): entity is typeof entity & { date: string } => entity.date !== undefined)
        .sort((a, b) => a.date.localeCompare(b.date)),
    [tab, eventDate],
  );

  const historyRows = Object.entries(history).sort((a, b) => (b[1][0]?.seenAt ?? '').localeCompare(a[1][0]?.seenAt ?? ''));

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setMessage(await props.importData(await file.text()));
  };

  return (
    <div class={`backstory-theme desk${dark ? ' theme-dark' : ''}`}>
      <nav class="popup-tabs" role="tablist" aria-label="Research desk">
        {(
          [
            ['page', `This page${tab?.entities ? ` (${tab.entities.length})` : ''}`],
            ['notes', `Notes (${notes.length})`],
            ['history', 'History'],
          ] as [Section, string][]
        ).map(([id, label]) => (
          <button key={id} type="button" role="tab" id={`desk-tab-${id}`} aria-selected={section === id} onClick={() => setSection(id)}>
            {label}
          </button>
        ))}
      </nav>

      {section === 'page' && (
        <div role="tabpanel" aria-labelledby="desk-tab-page" class="desk-panel">
          {selected && !tab?.entities?.some((entity) => entity.id === selected.record.id) && (
            <div class="desk-card card-frame">
              <NavigableCard initial={selected} loadCard={props.loadCard} onClose={() => setSelected(null)} headingId="desk-focus-title" />
            </div>
          )}
          {!tab ? (
            <p class="muted">Reading the current tab…</p>
          ) : !tab.site || tab.entities === undefined ? (
            <p class="muted">Backstory cannot read this tab. Open a news page (http or https).</p>
          ) : !tab.enabled ? (
            <p class="muted">Backstory is off for {tab.site}.</p>
          ) : tab.entities.length === 0 ? (
            <p class="muted">No names from Backstory's dataset on this page.</p>
          ) : (
            <>
              <PageEntityList
                entities={tab.entities}
                selectedId={selected?.record.id}
                onOpen={(id) => void props.loadCard(id).then(setSelected)}
                onShow={props.showOnPage}
              />
              {pageEvents.length > 0 && (
                <section aria-labelledby="page-timeline" class="page-timeline">
                  <h3 id="page-timeline" class="group-title">
                    Timeline of events on this page
                  </h3>
                  <ol class="card-timeline">
                    {pageEvents.map((event) => (
                      <li key={event.id}>
                        <time dateTime={event.date}>{formatIsoDate(event.date)}</time>
                        <button type="button" class="link-button" onClick={() => void props.loadCard(event.id).then(setSelected)}>
                          {event.name}
                        </button>
                      </li>
                    ))}
                  </ol>
                </section>
              )}
              {selected && (
                <div class="desk-card card-frame">
                  <NavigableCard initial={selected} loadCard={props.loadCard} onClose={() => setSelected(null)} headingId="desk-card-title" />
                </div>
              )}
            </>
          )}
        </div>
      )}

      {section === 'notes' && (
        <div role="tabpanel" aria-labelledby="desk-tab-notes" class="desk-panel">
          <div class="desk-tools">
            <input type="search" class="search-input" placeholder="Search notes" aria-label="Search notes" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
            <div class="export-row" role="group" aria-label="Export and import">
              <span class="export-label">Export</span>
              <button type="button" class="action" onClick={() => props.exportData('markdown')}>
                Markdown
              </button>
              <button type="button" class="action" onClick={() => props.exportData('csv')}>
                CSV
              </button>
              <button type="button" class="action" onClick={() => props.exportData('json')}>
                JSON
              </button>
              <label class="action import">
                Import JSON…
                <input type="file" accept="application/json,.json" onChange={(e) => void onImport(e.currentTarget.files?.[0])} />
              </label>
            </div>
            <p class="desk-message" role="status" aria-live="polite">
              {message}
            </p>
          </div>
          {visibleNotes.length === 0 ? (
            <p class="muted">{notes.length === 0 ? 'No notes yet: use “Save to notes” on a card, or save a selected quote from the right-click menu.' : 'No note matches.'}</p>
          ) : (
            <ul class="notes">
              {visibleNotes.map((note) => (
                <NoteItem key={note.id} note={note} onSave={props.updateNote} onDelete={() => props.deleteNote(note.id)} />
              ))}
            </ul>
          )}
        </div>
      )}

      {section === 'history' && (
        <div role="tabpanel" aria-labelledby="desk-tab-history" class="desk-panel">
          <p class="muted">
            {props.historyEnabled
              ? `Pages where you met each name, kept in this browser for ${props.retentionDays} days.`
              : 'Reading history is off (see Options).'}
          </p>
          {historyRows.length > 0 && (
            <>
              <ul class="history">
                {historyRows.map(([entityId, sightings]) => (
                  <li key={entityId}>
                    <details>
                      <summary>
                        {entityName(entityId)} <span class="mention-count">{sightings.length} page{sightings.length === 1 ? '' : 's'}</span>
                      </summary>
                      <ul>
                        {sightings.map((sighting) => (
                          <li key={sighting.url}>
                            <a href={sighting.url} target="_blank" rel="noopener noreferrer">
                              {sighting.title}
                            </a>{' '}
                            <span class="mention-count">{formatIsoDate(sighting.seenAt.slice(0, 10))}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  </li>
                ))}
              </ul>
              <button type="button" class="danger" onClick={() => void props.clearHistory()}>
                Clear all history
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
