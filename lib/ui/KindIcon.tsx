import type { EntityType } from '../dataset/schema';

export const KIND_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
  event: 'Event',
};

const PATHS: Record<EntityType, string> = {
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm0 2c-4 0-7 2-7 4.5V20h14v-1.5C19 16 16 14 12 14Z',
  organization: 'M4 20V8l8-4 8 4v12h-5v-5h-6v5H4Zm5-9h2V9H9v2Zm4 0h2V9h-2v2Z',
  place: 'M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7Zm0 9.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5Z',
  event: 'M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 8h14v10H5V10Zm2 2v3h3v-3H7Z',
};

export function KindIcon({ type }: { type: EntityType }) {
  return (
    <svg class={`kind-icon kind-${type}`} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[type]} fill="currentColor" />
    </svg>
  );
}
