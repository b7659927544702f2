import type { LocatorMapData } from '../geo/locatorMap';
import type { EntityRecord } from './compiled';
import type { EntityType, Relation } from './schema';

/** What a card shows beyond the record itself: its neighbours by name, and its events in order. */
export interface RelatedEntry {
  id: string;
  name: string;
  type: EntityType;
  relation: Relation;
}

export interface TimelineEntry {
  id: string;
  name: string;
  date: string;
  relation: Relation;
}

export interface EntityCardData {
  record: EntityRecord;
  related: RelatedEntry[];
  timeline: TimelineEntry[];
  /** For places and located events, drawn by whoever has the borders (the background). */
  map?: LocatorMapData;
}

const TYPE_ORDER: Record<EntityType, number> = { person: 0, organization: 1, event: 2, place: 3 };

export type MapDrawer = (lat: number, lon: number) => LocatorMapData;

export function buildCardData(record: EntityRecord, byId: ReadonlyMap<string, EntityRecord>, drawMap?: MapDrawer): EntityCardData {
  const related: RelatedEntry[] = [];
  const timeline: TimelineEntry[] = [];
  for (const link of record.related) {
    const other = byId.get(link.id);
    if (!other) continue;
    related.push({ id: other.id, name: other.name, type: other.type, relation: link.relation });
    // One line per event, even when the record relates to it twice (perpetrator and participant).
    if (other.type === 'event' && other.dates?.start && record.type !== 'event' && !timeline.some((e) => e.id === other.id)) {
      timeline.push({ id: other.id, name: other.name, date: other.dates.start, relation: link.relation });
    }
  }
  related.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.name.localeCompare(b.name));
  timeline.sort((a, b) => a.date.localeCompare(b.date));
  const map = record.location && drawMap ? drawMap(record.location.lat, record.location.lon) : undefined;
  return { record, related, timeline, ...(map ? { map } : {}) };
}

/** The card-data service the background runs over the bundled records (and later data packs). */
export function createCardLookup(records: readonly EntityRecord[], drawMap?: MapDrawer): (id: string) => EntityCardData | null {
  const byId = new Map(records.map((record) => [record.id, record]));
  return (id) => {
    const record = byId.get(id);
    return record ? buildCardData(record, byId, drawMap) : null;
  };
}
