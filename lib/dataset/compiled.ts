import type { CaseRule, Entity, EntityType, Relation, Requirement } from './schema';

/**
 * The two halves the build makes of `data/`: the small name index every tab carries, and the full
 * records only the background and extension pages hold.
 */

/** Defaults are left out (every tab parses this): no `gaps` = plain, no `case` = capitalized. */
export interface IndexedAlias {
  key: string;
  /** See AliasPattern.gaps; absent when every gap is plain. */
  gaps?: string;
  /**
   * The words with their capitals; absent for case "any", which never looks at them, and where they
   * are the key in Title Case. Read it with formsOf (aliasRules.ts).
   */
  forms?: string;
  trailingDot?: true;
  entity: number;
  /** Absent means "capitalized". */
  case?: Exclude<CaseRule, 'capitalized'>;
  requires?: Requirement;
  ambiguous?: boolean;
  notSentenceStart?: boolean;
  /** The alias is the entity's own name, which wins ties between ambiguous readings. */
  isName?: boolean;
}

export interface IndexedEntity {
  id: string;
  name: string;
  type: EntityType;
  /** Indexes of related entities, both directions, for deciding ambiguous names by context. */
  related: number[];
}

/** Every distinct alias key (or stop phrase), split into words: what the matcher compares. */
export interface MatchCandidate {
  words: string[];
  /** Indexes into `aliases` with this key. */
  aliases: number[];
  /** A stop phrase: its words are consumed and nothing is marked. */
  stop?: true;
}

export interface NameIndex {
  version: 1;
  entities: IndexedEntity[];
  aliases: IndexedAlias[];
  /** Folded keys of phrases that contain a name but are something else ("Latin America"). */
  stopPhrases: string[];
  /** Built at compile time so a tab only wraps them in a Map (see lib/matcher/matchCandidates). */
  candidates: MatchCandidate[];
  /** First word → indexes into `candidates`, longest first. */
  byFirstWord: [string, number[]][];
  /** The matcher's hash tables, built with the rest (lib/matcher/matcherIndex.ts explains them). */
  scan: ScanTables;
}

/** JSON forms of the tables of lib/matcher/matcherIndex.ts Matcher. */
export interface ScanTables {
  firstWordHashes: number[];
  slots: number[];
  byFirstPair: [number, number[]][];
  singleWord: number[][];
  /** Indexes into `byFirstWord`. */
  startsInLowerCase: number[];
  lowerCaseLead: number;
  leadsByHash: [number, number][];
  lowerCaseAnchors: { word: string; offsets: number[]; needleAt: number }[];
}

export interface RelatedLink {
  id: string;
  relation: Relation;
}

/** A record as the background serves it: relations completed in both directions. */
export type EntityRecord = Entity & { related: RelatedLink[] };

export interface CompiledDataset {
  nameIndex: NameIndex;
  records: EntityRecord[];
}
