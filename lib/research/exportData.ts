import * as v from 'valibot';
import type { Note, Sighting } from '../storage/items';

/**
 * Notes and reading history leave Backstory as Markdown (to read), CSV (for spreadsheets) or
 * JSON (to restore). Importing the JSON export gives back exactly what was exported.
 */
export interface ResearchData {
  notes: Note[];
  history: Record<string, Sighting[]>;
}

export const EXPORT_FORMAT = 'backstory-research';
export const EXPORT_VERSION = 1;

const isoDateTime = v.pipe(v.string(), v.isoTimestamp('must be an ISO date-time'));
const noteSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1)),
  entityId: v.optional(v.string()),
  entityName: v.optional(v.string()),
  quote: v.optional(v.string()),
  comment: v.string(),
  tags: v.array(v.string()),
  pageTitle: v.string(),
  pageUrl: v.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
const sightingSchema = v.strictObject({
  url: v.string(),
  title: v.string(),
  seenAt: isoDateTime,
  mentions: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
const exportSchema = v.strictObject({
  format: v.literal(EXPORT_FORMAT, `must be "${EXPORT_FORMAT}"`),
  version: v.literal(EXPORT_VERSION, `must be ${EXPORT_VERSION}`),
  exportedAt: isoDateTime,
  notes: v.array(noteSchema),
  history: v.record(v.string(), v.array(sightingSchema)),
});

export function toJson(data: ResearchData, now = new Date()): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), ...data }, null, 2)}\n`;
}

export type ImportResult = { ok: true; data: ResearchData } | { ok: false; error: string };

/** Checks the whole file before anything is stored; the error names the first bad field. */
export function parseJsonExport(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not a JSON file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = v.safeParse(exportSchema, parsed);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('') ?? '';
    return { ok: false, error: `Not a Backstory export: ${path.replace(/^\./, '') || 'file'} ${issue.message}` };
  }
  return { ok: true, data: { notes: result.output.notes, history: result.output.history } };
}

/** Imported notes replace stored ones with the same id; history is merged per page. */
export function mergeResearch(current: ResearchData, imported: ResearchData): ResearchData {
  const importedIds = new Set(imported.notes.map((note) => note.id));
  const notes = [...imported.notes, ...current.notes.filter((note) => !importedIds.has(note.id))].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  const history: Record<string, Sighting[]> = { ...current.history };
  for (const [entityId, sightings] of Object.entries(imported.history)) {
    const urls = new Set(sightings.map((s) => s.url));
    history[entityId] = [...sightings, ...(history[entityId] ?? []).filter((s) => !urls.has(s.url))].sort((a, b) =>
      b.seenAt.localeCompare(a.seenAt),
    );
  }
  return { notes, history };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function notesToCsv(notes: Note[]): string {
  const header = ['id', 'entity_id', 'entity_name', 'quote', 'comment', 'tags', 'page_title', 'page_url', 'created_at', 'updated_at'];
  const rows = notes.map((note) =>
    [note.id, note.entityId ?? '', note.entityName ?? '', note.quote ?? '', note.comment, note.tags.join('; '), note.pageTitle, note.pageUrl, note.createdAt, note.updatedAt]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

export function toMarkdown(data: ResearchData, entityName: (id: string) => string): string {
  const lines = ['# Backstory research notes', ''];
  for (const note of data.notes) {
    lines.push(`## ${note.entityName ?? 'Quote'} — ${note.pageTitle}`, '');
    if (note.quote) lines.push(...note.quote.split('\n').map((line) => `> ${line}`), '');
    if (note.comment) lines.push(note.comment, '');
    if (note.tags.length > 0) lines.push(`Tags: ${note.tags.join(', ')}`, '');
    lines.push(`Source: <${note.pageUrl}> · saved ${note.createdAt.slice(0, 10)}`, '');
  }
  const entities = Object.entries(data.history);
  if (entities.length > 0) {
    lines.push('# Where names were met', '');
    for (const [entityId, sightings] of entities) {
      lines.push(`## ${entityName(entityId)}`, '');
      for (const sighting of sightings) lines.push(`- ${sighting.seenAt.slice(0, 10)} — [${sighting.title}](${sighting.url}) (${sighting.mentions}×)`);
      lines.push('');
    }
  }
  return lines.join('\n');
}
