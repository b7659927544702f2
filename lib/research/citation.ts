import type { EntityRecord } from '../dataset/compiled';

/** A plain-text citation a researcher can paste: what Backstory says, and where that comes from. */
export function formatCitation(record: EntityRecord, page?: { title: string; url: string }): string {
  const sources = record.sources
    .map((source) => `${source.title} (${source.publisher}), ${source.url}, accessed ${source.accessed}`)
    .join('; ');
  const lines = [
    `${record.name} — ${record.description}.`,
    `Backstory dataset entry "${record.id}", reviewed ${record.reviewed}. Sources: ${sources}.`,
  ];
  if (page) lines.push(`Seen on: ${page.title} <${page.url}>`);
  return lines.join('\n');
}
