import { formsOf, isShortForm } from '../dataset/aliasRules';
import type { IndexedAlias, NameIndex } from '../dataset/compiled';

/**
 * One page, one meaning: a short or shared name is linked only where the rest of the page says
 * which entity it is. A wrong card costs more trust than a missing one, so doubt leaves it unmarked.
 */

export interface MatchOnPage {
  /** Anything that orders matches in reading order (document offset, or scan order). */
  position: number;
  aliases: number[];
  /** A person's title comes right before it. */
  titled?: boolean;
  /** Short forms that, here, are part of someone else's name (see TextMatch.shadows). */
  shadows?: number[];
  /** The text calls the place a province (see TextMatch.asProvince). */
  asProvince?: true;
  /** A word of place comes right before it (see TextMatch.located). */
  located?: true;
}

/** Why a match with a fixed entity (see fixedEntity) names it. */
export function fixedReason(match: Pick<MatchOnPage, 'asProvince'>): string {
  return match.asProvince ? 'the text calls it a province' : 'unambiguous name';
}

/** Where each short form (by alias key) was seen as part of someone else's name. */
type OtherBearers = Map<string, number[]>;

export interface Resolution {
  /** Index into `nameIndex.entities`, or undefined when the match stays unmarked. */
  entity: number | undefined;
  alias: number | undefined;
  reason: string;
}

interface Candidate {
  alias: number;
  entity: number;
}

function isDefinite(alias: IndexedAlias): boolean {
  return !alias.requires && !alias.ambiguous;
}

/** The one entity the match's definite aliases name, or -1 when they name none or several. */
export function definiteEntity(index: NameIndex, match: Pick<MatchOnPage, 'aliases'>): number {
  let entity = -1;
  for (const aliasIndex of match.aliases) {
    const alias = index.aliases[aliasIndex]!;
    if (!isDefinite(alias)) continue;
    if (entity >= 0 && entity !== alias.entity) return -1;
    entity = alias.entity;
  }
  return entity;
}

/**
 * The entity a match names whatever the rest of the page says (every reading is one entity's plain
 * name), or -1 when the page must decide. Most matches on a page are such.
 */
export function fixedEntity(index: NameIndex, match: Pick<MatchOnPage, 'aliases' | 'shadows'>): number {
  if (match.shadows || match.aliases.length === 0) return -1;
  const entity = index.aliases[match.aliases[0]!]!.entity;
  for (const aliasIndex of match.aliases) {
    const alias = index.aliases[aliasIndex]!;
    if (!isDefinite(alias) || alias.entity !== entity) return -1;
  }
  return entity;
}

/** Notes that the page names `entity` beyond doubt at `position`. */
export function noteEvidence(evidence: Map<number, number[]>, entity: number, position: number): void {
  const positions = evidence.get(entity);
  if (positions) positions.push(position);
  else evidence.set(entity, [position]);
}

/** Where on the page each entity is named beyond doubt: the evidence every other decision uses. */
function collectEvidence(index: NameIndex, matches: readonly MatchOnPage[]): Map<number, number[]> {
  const evidence = new Map<number, number[]>();
  for (const match of matches) {
    const entity = definiteEntity(index, match);
    if (entity >= 0) noteEvidence(evidence, entity, match.position);
  }
  return evidence;
}

function nearestEvidence(positions: number[] | undefined, position: number): { distance: number; before: boolean } | undefined {
  if (!positions || positions.length === 0) return undefined;
  let bestBefore = -Infinity;
  let bestAfter = Infinity;
  for (const p of positions) {
    if (p <= position && p > bestBefore) bestBefore = p;
    if (p > position && p < bestAfter) bestAfter = p;
  }
  if (bestBefore > -Infinity) return { distance: position - bestBefore, before: true };
  return { distance: bestAfter - position, before: false };
}

function describe(index: NameIndex, entity: number): string {
  return index.entities[entity]!.name;
}

function relatedOnPage(index: NameIndex, entity: number, evidence: Map<number, number[]>): number[] {
  return index.entities[entity]!.related.filter((other) => evidence.has(other));
}

function resolveOne(index: NameIndex, match: MatchOnPage, evidence: Map<number, number[]>, otherBearers: OtherBearers): Resolution {
  const rejected: string[] = [];
  const candidates: Candidate[] = [];
  if (match.aliases.length === 0 && match.shadows) {
    return { entity: undefined, alias: undefined, reason: 'part of a longer name the dataset does not hold' };
  }
  // The common case, answered without the general machinery below.
  const fixed = fixedEntity(index, match);
  if (fixed >= 0) return { entity: fixed, alias: match.aliases[match.aliases.length - 1]!, reason: fixedReason(match) };
  for (const aliasIndex of match.aliases) {
    const alias = index.aliases[aliasIndex]!;
    const name = describe(index, alias.entity);
    if (alias.requires === 'fullName' && !evidence.has(alias.entity)) {
      rejected.push(`${name}: short form, but the page never names it in full`);
    } else if (
      alias.requires === 'fullNameOrContext' &&
      !evidence.has(alias.entity) &&
      relatedOnPage(index, alias.entity, evidence).length === 0
    ) {
      rejected.push(`${name}: short form, and the page names neither it in full nor anything related`);
    } else if (otherBearers.has(alias.key) && (isShortForm(alias) || alias.requires === 'context') && index.entities[alias.entity]!.type === 'person') {
      // Two people on the page answer to this short form and one is unknown to us: say nothing.
      // (A body's short form inside a longer unknown name, "the Security Council Committee", is
      // no second bearer of it.)
      rejected.push(`${name}: someone else on the page is also called "${formsOf(alias)}"`);
    } else if (
      alias.requires === 'context' &&
      !evidence.has(alias.entity) &&
      relatedOnPage(index, alias.entity, evidence).length === 0
    ) {
      rejected.push(`${name}: needs context, and the page names neither it nor anything related`);
    } else {
      candidates.push({ alias: aliasIndex, entity: alias.entity });
    }
  }
  const distinct = [...new Map(candidates.map((c) => [c.entity, c])).values()];
  if (distinct.length === 0) return { entity: undefined, alias: undefined, reason: rejected.join('; ') || 'no candidate' };
  if (distinct.length === 1) {
    const [only] = distinct;
    const alias = index.aliases[only!.alias]!;
    const reason = isDefinite(alias)
      ? 'unambiguous name'
      : isShortForm(alias) && evidence.has(only!.entity)
        ? `short form of ${describe(index, only!.entity)}, named in full on the page`
        : alias.requires === 'context' || alias.requires === 'fullNameOrContext'
          ? `the page mentions ${describe(index, only!.entity)} or what it relates to`
          : 'only reading that fits';
    return { entity: only!.entity, alias: only!.alias, reason };
  }

  // "President Hamid Karzai": a title before the name settles it for the one person among the readings.
  if (match.titled) {
    const people = distinct.filter((candidate) => index.entities[candidate.entity]!.type === 'person');
    if (people.length === 1) {
      const [person] = people;
      return { entity: person!.entity, alias: person!.alias, reason: `shared name; a title before it points to ${describe(index, person!.entity)}` };
    }
  }

  // "Fighting in Wardak": a word of place before the name settles it for the one place among the readings.
  if (match.located) {
    const places = distinct.filter((candidate) => index.entities[candidate.entity]!.type === 'place');
    if (places.length === 1) {
      const [place] = places;
      return { entity: place!.entity, alias: place!.alias, reason: `shared name; words of place around it point to ${describe(index, place!.entity)}` };
    }
  }

  // Several readings: first, which of them the page names in full, nearest before this mention.
  const named = distinct
    .map((candidate) => ({ candidate, near: nearestEvidence(evidence.get(candidate.entity), match.position) }))
    .filter((entry) => entry.near !== undefined)
    .sort((a, b) => Number(b.near!.before) - Number(a.near!.before) || a.near!.distance - b.near!.distance);
  if (named.length > 0) {
    const winner = named[0]!.candidate;
    return {
      entity: winner.entity,
      alias: winner.alias,
      reason: `shared name; the page names ${describe(index, winner.entity)} in full ${named[0]!.near!.before ? 'before' : 'after'} it`,
    };
  }

  // Then by the related entities the page mentions, with the alias's own bearer as the tie-breaker.
  const scored = distinct
    .map((candidate) => {
      const related = relatedOnPage(index, candidate.entity, evidence).length;
      const bearer = index.aliases[candidate.alias]!.isName ? 2 : 0;
      return { candidate, related, score: related + bearer };
    })
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  // Between two readings that are neither's own name, one related name more is too thin to decide on.
  const margin = first && index.aliases[first.candidate.alias]!.isName ? 1 : 2;
  if (first && second && first.score - second.score >= margin) {
    return {
      entity: first.candidate.entity,
      alias: first.candidate.alias,
      reason: `shared name; ${describe(index, first.candidate.entity)} fits the page best (${first.related} related names on the page${index.aliases[first.candidate.alias]!.isName ? ', and it is its own name' : ''})`,
    };
  }
  return {
    entity: undefined,
    alias: undefined,
    reason: `shared by ${distinct.map((c) => describe(index, c.entity)).join(' and ')}; nothing on the page decides`,
  };
}

/**
 * Decides every match. `knownEvidence`, when given, is collectEvidence over the whole page (of
 * which `matches` may be only the part in doubt: see fixedEntity); it is read, never changed.
 */
export function resolveMentions(
  index: NameIndex,
  matches: readonly MatchOnPage[],
  knownEvidence?: ReadonlyMap<number, readonly number[]>,
): Resolution[] {
  const evidence = knownEvidence ? new Map(knownEvidence as Map<number, number[]>) : collectEvidence(index, matches);
  /** Entities whose positions this call owns (copied before the first one it learns). */
  const owned = new Set<number>();
  const otherBearers: OtherBearers = new Map();
  for (const match of matches) {
    for (const aliasIndex of match.shadows ?? []) {
      const key = index.aliases[aliasIndex]!.key;
      const positions = otherBearers.get(key);
      if (positions) positions.push(match.position);
      else otherBearers.set(key, [match.position]);
    }
  }
  const firstPass = matches.map((match) => resolveOne(index, match, evidence, otherBearers));
  // A full name the page has decided — shared ("Hamid Karzai" the president) or needing context
  // ("Richard Bennett") — names its entity in full for the short forms around it, so decide once more.
  let learned = false;
  firstPass.forEach((resolution, i) => {
    if (resolution.entity === undefined) return;
    const alias = index.aliases[resolution.alias!]!;
    // Definite names are evidence already; short forms never name anything in full; "in Wardak"
    // was decided by the word before it, which says nothing of the bare "Wardak" further on.
    if (isDefinite(alias) || isShortForm(alias) || matches[i]!.located) return;
    let positions = evidence.get(resolution.entity);
    if (!positions || (knownEvidence && !owned.has(resolution.entity))) {
      positions = [...(positions ?? [])];
      evidence.set(resolution.entity, positions);
      owned.add(resolution.entity);
    }
    positions.push(matches[i]!.position);
    learned = true;
  });
  if (!learned) return firstPass;
  // Only matches with a reading in doubt can come out differently the second time.
  // A decision that stands keeps its first reason: the second pass would count the mention itself
  // as the full name "before it".
  return matches.map((match, i) => {
    const first = firstPass[i]!;
    if (!match.aliases.some((a) => !isDefinite(index.aliases[a]!))) return first;
    const second = resolveOne(index, match, evidence, otherBearers);
    return second.entity === first.entity && first.entity !== undefined ? first : second;
  });
}
