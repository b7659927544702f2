import { aliasPattern } from '../matcher/aliasPattern';
import { matchCandidates } from '../matcher/matchCandidates';
import type { CompiledDataset, EntityRecord, IndexedAlias, NameIndex, RelatedLink } from './compiled';
import { inverseOf, type AliasInput, type Entity } from './schema';

type AliasRules = Exclude<AliasInput, string>;

function rulesOf(alias: AliasInput): AliasRules {
  return typeof alias === 'string' ? { text: alias } : alias;
}

function hasCapital(text: string): boolean {
  return text !== text.toLowerCase();
}

/** Writes each relation once in the data; every card shows it from its own side. */
function completeRelations(entities: Entity[]): Map<string, RelatedLink[]> {
  const links = new Map<string, RelatedLink[]>(entities.map((entity) => [entity.id, []]));
  const add = (from: string, link: RelatedLink) => {
    const list = links.get(from);
    if (!list || list.some((existing) => existing.id === link.id && existing.relation === link.relation)) return;
    list.push(link);
  };
  for (const entity of entities) {
    for (const link of entity.related) {
      add(entity.id, link);
      add(link.id, { id: entity.id, relation: inverseOf(link.relation) });
    }
  }
  return links;
}

function indexAliases(entity: Entity, entityIndex: number): IndexedAlias[] {
  const byKey = new Map<string, IndexedAlias>();
  const explicit = entity.aliases.map(rulesOf);
  for (const rules of [{ text: entity.name }, ...explicit]) {
    const pattern = aliasPattern(rules.text);
    if (!pattern) continue;
    const caseRule = rules.case ?? (hasCapital(rules.text) ? 'capitalized' : 'any');
    const indexed: IndexedAlias = {
      key: pattern.key,
      entity: entityIndex,
      ...(pattern.gaps ? { gaps: pattern.gaps } : {}),
      ...(pattern.trailingDot ? { trailingDot: true } : {}),
      ...(caseRule !== 'capitalized' ? { case: caseRule } : {}),
      ...(caseRule !== 'any' ? { forms: pattern.forms } : {}),
      ...(rules.requires ? { requires: rules.requires } : {}),
      ...(rules.ambiguous ? { ambiguous: true } : {}),
      ...(rules.notSentenceStart ? { notSentenceStart: true } : {}),
    };
    // The name comes first; an explicit alias with the same key refines its rules but stays the name.
    // Exact-case variants ("NATO", "Nato") are different aliases that share a key.
    const slot = indexed.case === 'exact' ? `${pattern.key}|${pattern.forms}` : pattern.key;
    const isName = byKey.get(slot)?.isName === true || byKey.get(pattern.key)?.isName === true || rules.text === entity.name;
    if (slot !== pattern.key && byKey.get(pattern.key)?.case !== 'exact') byKey.delete(pattern.key);
    byKey.set(slot, isName ? { ...indexed, isName: true } : indexed);
    if (rules.plural) {
      byKey.set(`${pattern.key}s`, { ...indexed, key: `${pattern.key}s`, ...(indexed.forms ? { forms: `${indexed.forms}s` } : {}) });
    }
  }
  return [...byKey.values()];
}

/** Turns validated entities into the name index and the card records; assumes validateDataset passed. */
export function compileDataset(entities: Entity[], stopPhrases: readonly string[] = []): CompiledDataset {
  const sorted = [...entities].sort((a, b) => a.id.localeCompare(b.id));
  const position = new Map(sorted.map((entity, index) => [entity.id, index]));
  const relations = completeRelations(sorted);
  const records: EntityRecord[] = sorted.map((entity) => ({ ...entity, related: relations.get(entity.id) ?? [] }));
  const nameIndex: NameIndex = {
    version: 1,
    entities: records.map((record) => ({
      id: record.id,
      name: record.name,
      type: record.type,
      related: [...new Set(record.related.map((link) => position.get(link.id)).filter((i) => i !== undefined))],
    })),
    aliases: [],
    stopPhrases: [...new Set(stopPhrases.map((phrase) => aliasPattern(phrase)?.key).filter((key) => key !== undefined))],
    candidates: [],
    byFirstWord: [],
    scan: { firstWordHashes: [], slots: [], byFirstPair: [], singleWord: [], startsInLowerCase: [], lowerCaseLead: 0, leadsByHash: [], lowerCaseAnchors: [] },
  };
  nameIndex.aliases = sorted.flatMap((entity, index) => indexAliases(entity, index));
  Object.assign(nameIndex, matchCandidates(nameIndex.aliases, nameIndex.stopPhrases));
  return { nameIndex, records };
}
