import type { EntityType } from '../dataset/schema';
import type { PageEntity } from '../messaging/protocol';
import { KIND_LABELS, KindIcon } from './KindIcon';

const ORDER: EntityType[] = ['person', 'organization', 'place', 'event'];

/** The names a page mentions, grouped by kind, most mentioned first. */
export function PageEntityList({
  entities,
  onShow,
  onOpen,
  selectedId,
}: {
  entities: PageEntity[];
  /** Scrolls the page to the entity's next mention. */
  onShow?: (id: string) => void;
  /** Opens the entity's card here. */
  onOpen?: (id: string) => void;
  selectedId?: string;
}) {
  return (
    <div class="page-entities">
      {ORDER.map((type) => {
        const group = entities.filter((entity) => entity.type === type);
        if (group.length === 0) return null;
        return (
          <section key={type} aria-labelledby={`group-${type}`}>
            <h3 id={`group-${type}`} class="group-title">
              <KindIcon type={type} /> {KIND_LABELS[type]} <span class="group-count">{group.length}</span>
            </h3>
            <ul class="entity-rows">
              {group.map((entity) => (
                <li key={entity.id} class={`entity-row kind-${type}${selectedId === entity.id ? ' selected' : ''}`}>
                  <button type="button" class="entity-name" onClick={() => (onOpen ?? onShow)?.(entity.id)}>
                    {entity.name}
                  </button>
                  <span class="mention-count" title={`${entity.count} mention${entity.count === 1 ? '' : 's'} on this page`}>
                    {entity.count}×
                  </span>
                  {onShow && onOpen && (
                    <button type="button" class="show-on-page" onClick={() => onShow(entity.id)} aria-label={`Show ${entity.name} on the page`}>
                      Show
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
