import type { Sighting } from '../storage/items';

/**
 * "Where did I meet this name before?": one sighting per entity per page, newest first, older
 * ones dropped after the retention period.
 */
export function recordSightings(
  history: Record<string, Sighting[]>,
  counts: ReadonlyMap<string, number>,
  page: { url: string; title: string },
  now: Date,
  retentionDays: number,
): Record<string, Sighting[]> {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const next: Record<string, Sighting[]> = {};
  for (const [entityId, sightings] of Object.entries(history)) {
    const kept = sightings.filter((s) => Date.parse(s.seenAt) >= cutoff && !(counts.has(entityId) && s.url === page.url));
    if (kept.length > 0) next[entityId] = kept;
  }
  for (const [entityId, mentions] of counts) {
    next[entityId] = [{ url: page.url, title: page.title, seenAt: now.toISOString(), mentions }, ...(next[entityId] ?? [])];
  }
  return next;
}
