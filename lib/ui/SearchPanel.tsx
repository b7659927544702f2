import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EntityCardData } from '../dataset/cardData';
import type { EntityType } from '../dataset/schema';
import type { EntitySearch, SearchHit } from '../search/entitySearch';
import { KIND_LABELS, KindIcon } from './KindIcon';
import { NavigableCard } from './NavigableCard';

/**
 * Type a name, however badly, and open its card: the popup's search. Arrow keys move through
 * the results, Enter opens one, Escape goes back to the list (or clears the query).
 */
export interface SearchPanelProps {
  search: EntitySearch;
  loadCard: (id: string) => Promise<EntityCardData | null>;
  dark?: boolean;
  initialQuery?: string;
}

const KINDS: (EntityType | 'all')[] = ['all', 'person', 'organization', 'place', 'event'];

export function SearchPanel({ search, loadCard, dark = false, initialQuery = '' }: SearchPanelProps) {
  const [query, setQuery] = useState(initialQuery);
  const [kind, setKind] = useState<EntityType | 'all'>('all');
  const [selected, setSelected] = useState(0);
  const [card, setCard] = useState<EntityCardData | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const hits: SearchHit[] = useMemo(
    () => (query.trim() ? search.search(query, { limit: 12, type: kind === 'all' ? undefined : kind }) : []),
    [search, query, kind],
  );

  const openHit = async (hit: SearchHit | undefined) => {
    if (!hit) return;
    setCard(await loadCard(hit.id));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((index) => Math.min(index + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void openHit(hits[selected]);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const closeCard = () => {
    setCard(null);
    queueMicrotask(() => input.current?.focus());
  };

  // Focus follows the card in and back out, so the keyboard never loses its place.
  const cardRegion = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!card) return;
    cardRegion.current?.querySelector<HTMLElement>('.icon-button.close')?.focus();
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeCard();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [card]);

  return (
    <div class={`backstory-theme search-panel${dark ? ' theme-dark' : ''}`}>
      {card ? (
        <div class="search-card" ref={cardRegion}>
          <NavigableCard initial={card} loadCard={loadCard} onClose={closeCard} headingId="popup-card-title" />
        </div>
      ) : (
        <>
          <div class="search-header">
            <label class="search-label" for="backstory-search">
              Look up a name
            </label>
            <input
              id="backstory-search"
              ref={input}
              class="search-input"
              type="search"
              autoFocus
              autoComplete="off"
              spellcheck={false}
              placeholder="ISIS-K, Kabul airport, Baradar…"
              value={query}
              role="combobox"
              aria-expanded={hits.length > 0}
              aria-controls="backstory-results"
              aria-activedescendant={hits[selected] ? `result-${hits[selected].id}` : undefined}
              onInput={(event) => {
                setQuery(event.currentTarget.value);
                setSelected(0);
              }}
              onKeyDown={onKeyDown}
            />
            <div class="kind-filter" role="group" aria-label="Filter by kind">
              {KINDS.map((option) => (
                <button
                  key={option}
                  type="button"
                  class="kind-option"
                  aria-pressed={kind === option}
                  onClick={() => setKind(option)}
                >
                  {option === 'all' ? 'All' : KIND_LABELS[option]}
                </button>
              ))}
            </div>
          </div>
          <ul id="backstory-results" class="search-results" role="listbox" aria-label="Results">
            {hits.map((hit, index) => (
              <li
                key={hit.id}
                id={`result-${hit.id}`}
                role="option"
                aria-selected={index === selected}
                class={`search-result kind-${hit.type}`}
                onClick={() => void openHit(hit)}
                onMouseEnter={() => setSelected(index)}
              >
                <KindIcon type={hit.type} />
                <span class="result-text">
                  <span class="result-name">{hit.name}</span>
                  <span class="result-description">{hit.description}</span>
                </span>
              </li>
            ))}
          </ul>
          {query.trim() && hits.length === 0 && <p class="search-empty">No entry matches “{query.trim()}”.</p>}
          {!query.trim() && (
            <p class="search-hint">Search {search.size} people, groups, places and events. Typos are fine.</p>
          )}
        </>
      )}
    </div>
  );
}
