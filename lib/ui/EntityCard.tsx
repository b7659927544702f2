import type { EntityCardData } from '../dataset/cardData';
import type { Relation } from '../dataset/schema';
import { formatDateRange, formatIsoDate } from './formatDate';
import { KIND_LABELS, KindIcon } from './KindIcon';
import { LocatorMap } from './LocatorMap';

/**
 * The card: who or what a name is, its key dated facts, its events, its neighbours and where the
 * facts come from. Props only; the in-page container and the popup decide where it lives.
 */
/** A button in the card's footer; what it returns is announced ("Saved to notes"). */
export interface CardAction {
  id: string;
  label: string;
  /** A longer explanation, shown as the button's tooltip. */
  hint?: string;
  run: (data: EntityCardData) => Promise<string | void> | string | void;
}

export interface EntityCardProps {
  data: EntityCardData;
  actions?: CardAction[];
  /** Announced in the card's live region after an action. */
  status?: string;
  onAction?: (action: CardAction) => void;
  /** Shown as a pin toggle: a pinned card stays open and can be dragged by its header. */
  pinned?: boolean;
  onTogglePin?: () => void;
  /** Opens a related entity in the same card. */
  onNavigate?: (id: string) => void;
  /** Shown as a Back control when the card has navigated. */
  onBack?: () => void;
  onClose?: () => void;
  headingId?: string;
}

const RELATION_LABELS: Record<Relation, string> = {
  'leader-of': 'leads',
  'led-by': 'led by',
  'member-of': 'member of',
  'has-member': 'member',
  'part-of': 'part of',
  'has-part': 'includes',
  'branch-of': 'branch of',
  'has-branch': 'branch',
  'founder-of': 'founded',
  'founded-by': 'founded by',
  'spokesperson-of': 'spokesperson for',
  'has-spokesperson': 'spokesperson',
  'perpetrator-of': 'carried out',
  'perpetrated-by': 'carried out by',
  'target-of': 'targeted in',
  targeted: 'targeted',
  'participant-in': 'took part in',
  'has-participant': 'involved',
  'located-in': 'in',
  'location-of': 'location of',
  'successor-of': 'succeeded',
  'predecessor-of': 'succeeded by',
  'rival-of': 'rival',
  'ally-of': 'ally',
  'affiliated-with': 'linked to',
};

export function relationLabel(relation: Relation): string {
  return RELATION_LABELS[relation];
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function EntityCard({
  data,
  actions = [],
  status,
  onAction,
  pinned,
  onTogglePin,
  onNavigate,
  onBack,
  onClose,
  headingId = 'backstory-card-title',
}: EntityCardProps) {
  const { record, related, timeline, map } = data;
  const span = formatDateRange(record.dates);
  const kind = record.subtype ? `${KIND_LABELS[record.type]} · ${record.subtype}` : KIND_LABELS[record.type];
  return (
    <article class={`entity-card kind-${record.type}`} aria-labelledby={headingId}>
      <header class="card-header">
        {onBack && (
          <button type="button" class="icon-button back" onClick={onBack} aria-label="Back">
            ‹
          </button>
        )}
        <div class="card-titles">
          <p class="card-kind">
            <KindIcon type={record.type} />
            <span>{kind}</span>
            {span && <span class="card-span">{span}</span>}
          </p>
          <h2 id={headingId} class="card-name">
            {record.name}
          </h2>
          <p class="card-description">{record.description}</p>
        </div>
        {onTogglePin && (
          <button
            type="button"
            class="icon-button pin"
            onClick={onTogglePin}
            aria-pressed={pinned === true}
            aria-label={pinned ? 'Unpin card' : 'Pin card'}
            title={pinned ? 'Unpin' : 'Pin: keep open and drag it aside'}
          >
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
              <path fill="currentColor" d="M15 3l6 6-2 1-3 3 1 5-2 2-4-4-5 5-1-1 5-5-4-4 2-2 5 1 3-3 1-2Z" />
            </svg>
          </button>
        )}
        {onClose && (
          <button type="button" class="icon-button close" onClick={onClose} aria-label="Close card">
            ×
          </button>
        )}
      </header>

      <div class="card-body">
        <p class="card-summary">{record.summary}</p>

        {map && <LocatorMap map={map} label={record.name} />}

        {record.facts.length > 0 && (
          <section aria-label="Key facts">
            <table class="card-facts">
              <tbody>
                {record.facts.map((fact) => (
                  <tr key={fact.label}>
                    <th scope="row">{fact.label}</th>
                    <td>
                      {fact.value}
                      {fact.asOf && <span class="as-of"> (as of {formatIsoDate(fact.asOf)})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {timeline.length > 0 && (
          <section aria-labelledby={`${headingId}-timeline`}>
            <h3 id={`${headingId}-timeline`} class="card-section-title">
              Timeline
            </h3>
            <ol class="card-timeline">
              {timeline.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.date}>{formatIsoDate(entry.date)}</time>
                  {onNavigate ? (
                    <button type="button" class="link-button" onClick={() => onNavigate(entry.id)}>
                      {entry.name}
                    </button>
                  ) : (
                    <span>{entry.name}</span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        )}

        {related.length > 0 && (
          <section aria-labelledby={`${headingId}-related`}>
            <h3 id={`${headingId}-related`} class="card-section-title">
              Related
            </h3>
            <ul class="card-related">
              {related.map((entry) => (
                <li key={`${entry.id}-${entry.relation}`}>
                  <button
                    type="button"
                    class={`chip kind-${entry.type}`}
                    onClick={() => onNavigate?.(entry.id)}
                    disabled={!onNavigate}
                    title={`${relationLabel(entry.relation)} ${entry.name}`}
                  >
                    <KindIcon type={entry.type} />
                    <span class="chip-relation">{relationLabel(entry.relation)}</span>
                    <span>{entry.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby={`${headingId}-sources`}>
          <h3 id={`${headingId}-sources`} class="card-section-title">
            Sources
          </h3>
          <ul class="card-sources">
            {record.sources.map((source) => (
              <li key={source.url}>
                {isWebUrl(source.url) ? (
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.title}
                  </a>
                ) : (
                  <span>{source.title}</span>
                )}
                <span class="source-meta">
                  {' '}
                  — {source.publisher}, accessed {formatIsoDate(source.accessed)}
                </span>
              </li>
            ))}
          </ul>
          <p class="card-reviewed">Reviewed {formatIsoDate(record.reviewed)} · from Backstory's bundled dataset</p>
        </section>
      </div>
      {actions.length > 0 && (
        <footer class="card-actions">
          {actions.map((action) => (
            <button key={action.id} type="button" class={`action action-${action.id}`} title={action.hint} onClick={() => onAction?.(action)}>
              {action.label}
            </button>
          ))}
        </footer>
      )}
      <p class="card-status" role="status" aria-live="polite">
        {status ?? ''}
      </p>
    </article>
  );
}
