import type { CompiledDataset, EntityRecord, NameIndex } from './compiled';
import { matchCandidates } from '../matcher/matchCandidates';
import { compileDataset } from './compileDataset';
import type { Entity } from './schema';
import { validateDataset } from './validateDataset';

/**
 * Data packs: extra entities a reader imports, in the same schema as `data/`. A pack is
 * validated in full against the bundled dataset before anything is stored.
 */
export interface DataPack {
  id: string;
  name: string;
  enabled: boolean;
  importedAt: string;
  entities: Entity[];
}

export type PackResult = { ok: true; pack: DataPack } | { ok: false; error: string };

export function parsePack(text: string, fileName: string, bundled: readonly EntityRecord[], now = new Date()): PackResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${fileName} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body = Array.isArray(parsed) ? { name: fileName.replace(/\.json$/i, ''), entities: parsed } : (parsed as { name?: unknown; entities?: unknown });
  if (typeof body !== 'object' || body === null || !Array.isArray(body.entities)) {
    return { ok: false, error: `${fileName}: a pack is a JSON array of entity records, or {"name": …, "entities": [ … ]}` };
  }
  if (body.entities.length === 0) return { ok: false, error: `${fileName}: the pack has no entities` };
  const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : fileName;
  const report = validateDataset([
    { file: 'bundled dataset', records: bundled },
    { file: fileName, records: body.entities },
  ]);
  const packErrors = report.errors.filter((error) => error.startsWith(`${fileName} `) || error.startsWith(`${fileName}:`));
  if (packErrors.length > 0) return { ok: false, error: packErrors[0]! };
  const bundledIds = new Set(bundled.map((record) => record.id));
  const entities = report.entities.filter((entity) => !bundledIds.has(entity.id));
  return {
    ok: true,
    pack: { id: `pack-${now.getTime().toString(36)}`, name, enabled: true, importedAt: now.toISOString(), entities },
  };
}

/** The bundled records with every enabled pack's entities, relations completed both ways. */
export function withPacks(bundled: EntityRecord[], packs: readonly DataPack[]): EntityRecord[] {
  const extra = packs.filter((pack) => pack.enabled).flatMap((pack) => pack.entities);
  if (extra.length === 0) return bundled;
  return compileDataset([...bundled, ...extra]).records;
}

/** The bundled name index extended by the enabled packs, without recompiling the bundled part. */
export function nameIndexWithPacks(base: NameIndex, packs: readonly DataPack[]): NameIndex {
  const extra = packs.filter((pack) => pack.enabled).flatMap((pack) => pack.entities);
  if (extra.length === 0) return base;
  const packIndex: CompiledDataset['nameIndex'] = compileDataset(extra).nameIndex;
  const offset = base.entities.length;
  const basePosition = new Map(base.entities.map((entity, index) => [entity.id, index]));
  const byId = new Map(extra.map((entity) => [entity.id, entity]));
  // A pack's links to bundled entities count as page context too.
  const relatedOf = (entity: NameIndex['entities'][number]) => [
    ...entity.related.map((i) => i + offset),
    ...(byId.get(entity.id)?.related ?? []).map((link) => basePosition.get(link.id)).filter((i) => i !== undefined),
  ];
  const aliases = [...base.aliases, ...packIndex.aliases.map((alias) => ({ ...alias, entity: alias.entity + offset }))];
  return {
    version: 1,
    entities: [...base.entities, ...packIndex.entities.map((entity) => ({ ...entity, related: relatedOf(entity) }))],
    aliases,
    stopPhrases: base.stopPhrases,
    ...matchCandidates(aliases, base.stopPhrases),
  };
}
