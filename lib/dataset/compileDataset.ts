import { aliasPattern, GapKind } from '../matcher/aliasPattern';
import { matchCandidates } from '../matcher/matchCandidates';
import { withoutDerivableForms } from './aliasRules';
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

/**
 * Spellings English-language news uses interchangeably for the same Arabic or Persian name. A
 * person's alias written with one is also indexed with the others, so "Muhammad Hassan Akhund"
 * finds the record written "Mohammad Hasan Akhund", and "Mulla Yaqoob" the one with "Mullah".
 */
const SPELLINGS: readonly (readonly string[])[] = [
  ['mohammad', 'muhammad', 'mohammed'],
  ['ahmad', 'ahmed'],
  ['hasan', 'hassan'],
  ['mullah', 'mulla'],
];
const SPELLING_SET = new Map(SPELLINGS.flatMap((set) => set.map((word) => [word, set] as const)));

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Each spelling variant of a person's alias that no alias of the dataset already has. */
function spellingVariants(aliases: IndexedAlias[], entities: readonly Entity[]): IndexedAlias[] {
  const taken = new Set(aliases.map((alias) => alias.key));
  const variants: IndexedAlias[] = [];
  for (const alias of aliases) {
    if (entities[alias.entity]!.type !== 'person' || alias.case === 'exact') continue;
    const words = alias.key.split(' ');
    if (!words.some((word) => SPELLING_SET.has(word))) continue;
    const forms = alias.forms?.split(' ');
    // Where folding split the words differently from the written form, the case rule has nothing to copy.
    if (forms && forms.length !== words.length) continue;
    let spelled: { words: string[]; forms?: string[] }[] = [{ words: [], forms: forms ? [] : undefined }];
    words.forEach((word, at) => {
      const options = SPELLING_SET.get(word) ?? [word];
      spelled = spelled.flatMap((prefix) =>
        options.map((option) => ({
          words: [...prefix.words, option],
          forms: prefix.forms && forms ? [...prefix.forms, option === word ? forms[at]! : capitalised(option)] : undefined,
        })),
      );
    });
    for (const variant of spelled) {
      const key = variant.words.join(' ');
      if (taken.has(key)) continue;
      taken.add(key);
      const { isName: _isName, ...rules } = alias;
      variants.push({ ...rules, key, ...(variant.forms ? { forms: variant.forms.join(' ') } : {}) });
    }
  }
  return variants;
}

/** Two-letter acronyms news writes with or without dots: "US forces", "U.S. forces". */
const DOTTED_ACRONYMS = new Set(['us', 'un', 'uk', 'eu']);

/**
 * An alias with one of those acronyms in capitals before further words ("US forces", "UN
 * Assistance Mission in Afghanistan") is also indexed dotted ("U.S. forces"), where no alias of
 * the dataset has that key already. The dotted acronym alone is an alias of its own ("U.S.").
 */
function dottedVariants(aliases: IndexedAlias[]): IndexedAlias[] {
  const taken = new Set(aliases.map((alias) => alias.key));
  const variants: IndexedAlias[] = [];
  for (const alias of aliases) {
    const words = alias.key.split(' ');
    const forms = alias.forms?.split(' ');
    if (words.length < 2 || !forms || forms.length !== words.length) continue;
    const gaps = alias.gaps ? [...alias.gaps] : words.slice(1).map(() => String(GapKind.Plain));
    const dotted = { words: [] as string[], forms: [] as string[], gaps: [] as string[] };
    words.forEach((word, at) => {
      const form = forms[at]!;
      const gapAfter = gaps[at];
      if (DOTTED_ACRONYMS.has(word) && form === word.toUpperCase() && gapAfter === String(GapKind.Plain)) {
        dotted.words.push(word[0]!, word[1]!);
        dotted.forms.push(form[0]!, form[1]!);
        // "U.S. forces": a dot between the letters, and a dot (then a space) after them.
        dotted.gaps.push(String(GapKind.Dot), String(GapKind.Dot));
      } else {
        dotted.words.push(word);
        dotted.forms.push(form);
        if (gapAfter !== undefined) dotted.gaps.push(gapAfter);
      }
    });
    const key = dotted.words.join(' ');
    if (dotted.words.length === words.length || taken.has(key)) continue;
    taken.add(key);
    const { isName: _isName, ...rules } = alias;
    variants.push({ ...rules, key, gaps: dotted.gaps.join(''), forms: dotted.forms.join(' ') });
  }
  return variants;
}

/**
 * "Kunduz City", "Herat City": a city's name followed by "City" in capitals is the city itself (a
 * capitalised head noun after a name otherwise starts the name of something else: see NAME_HEADS).
 * Indexed for each of a city's names that needs nothing from the page, with "City" exactly so:
 * "Kunduz city" keeps its mark on "Kunduz" alone. Definite, as "City" settles a city/province twin.
 */
function cityVariants(aliases: IndexedAlias[], entities: readonly Entity[]): IndexedAlias[] {
  const taken = new Set(aliases.map((alias) => alias.key));
  const variants: IndexedAlias[] = [];
  for (const alias of aliases) {
    const entity = entities[alias.entity]!;
    if (entity.type !== 'place' || entity.subtype !== 'city' || alias.requires || !alias.forms || alias.key.endsWith(' city')) continue;
    const key = `${alias.key} city`;
    if (taken.has(key)) continue;
    taken.add(key);
    variants.push({
      key,
      entity: alias.entity,
      case: 'exact',
      forms: `${alias.forms} City`,
      ...(alias.gaps ? { gaps: `${alias.gaps}${GapKind.Plain}` } : {}),
    });
  }
  return variants;
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
  nameIndex.aliases.push(...spellingVariants(nameIndex.aliases, sorted));
  nameIndex.aliases.push(...dottedVariants(nameIndex.aliases));
  nameIndex.aliases.push(...cityVariants(nameIndex.aliases, sorted));
  Object.assign(nameIndex, matchCandidates(nameIndex.aliases, nameIndex.stopPhrases));
  nameIndex.aliases = nameIndex.aliases.map(withoutDerivableForms);
  return { nameIndex, records };
}
