import type { CaseRule, Entity, EntityType, Relation, Requirement } from './schema';

/**
 * The two halves the build makes of `data/`: the small name index every tab carries, and the full
 * records only the background and extension pages hold.
 */

export interface IndexedAlias {
  key: string;
  gaps: string;
  forms: string;
  trailingDot: boolean;
  entity: number;
  case: CaseRule;
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

export interface NameIndex {
  version: 1;
  entities: IndexedEntity[];
  aliases: IndexedAlias[];
  /** Folded keys of phrases that contain a name but are something else ("Latin America"). */
  stopPhrases: string[];
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
