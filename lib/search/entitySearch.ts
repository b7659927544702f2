import Fuse, { type Expression, type FuseIndex } from 'fuse.js';
import type { EntityRecord } from '../dataset/compiled';
import type { EntityType } from '../dataset/schema';
import { foldForMatching } from '../matcher/normalize';
import { createCandidateIndex } from './candidateIndex';

/**
 * Typo-tolerant lookup for the popup and the side panel. Each word of the query must fuzzily match
 * some field, so "karzai airprt" finds the airport whatever the order of the words.
 */

export interface SearchDocument {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  description: string;
}

export interface SearchHit {
  id: string;
  name: string;
  type: EntityType;
  description: string;
  score: number;
}

const KEYS = [
  { name: 'name', weight: 3 },
  { name: 'aliases', weight: 2 },
  { name: 'description', weight: 0.5 },
] as const;

const OPTIONS = {
  keys: KEYS.map((key) => ({ ...key })),
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.34,
  minMatchCharLength: 2,
} as const;

export function toSearchDocument(record: EntityRecord): SearchDocument {
  return {
    id: record.id,
    type: record.type,
    name: record.name,
    aliases: record.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.text)),
    description: record.description,
  };
}

export interface EntitySearch {
  readonly size: number;
  search(query: string, options?: { limit?: number; type?: EntityType }): SearchHit[];
}

/** Above this many entities, fuse.js only sees a shortlist (see candidateIndex.ts). */
const SHORTLIST_FROM = 600;
const SHORTLIST_SIZE = 150;

export function createEntitySearch(documents: SearchDocument[], prebuiltIndex?: FuseIndex<SearchDocument>): EntitySearch {
  const fuse = new Fuse(documents, OPTIONS, prebuiltIndex);
  const candidates =
    documents.length > SHORTLIST_FROM
      ? createCandidateIndex(documents.map((doc) => [doc.name, ...doc.aliases, doc.description]))
      : undefined;
  const fuseFor = (words: string[]) => {
    if (!candidates) return fuse;
    return new Fuse(candidates.shortlist(words, SHORTLIST_SIZE).map((index) => documents[index]!), OPTIONS);
  };
  return {
    size: documents.length,
    search(query, { limit = 20, type } = {}) {
      const words = foldForMatching(query)
        .split(/[\s,;/]+/)
        .map((word) => word.replace(/^[-'.]+|[-'.]+$/g, ''))
        .filter((word) => word.length > 0);
      // One-letter words ("Dasht e Barchi") cannot be matched fuzzily; the other words carry the query.
      const meaningful = words.filter((word) => word.length > 1);
      if (meaningful.length > 0) words.splice(0, words.length, ...meaningful);
      if (words.length === 0) return [];
      const expression: Expression = {
        $and: words.map((word) => ({ $or: KEYS.map((key) => ({ [key.name]: word })) })),
      };
      const hits: SearchHit[] = [];
      for (const result of fuseFor(words).search(expression, { limit: type ? limit * 4 : limit })) {
        if (type && result.item.type !== type) continue;
        const { id, name, type: kind, description } = result.item;
        hits.push({ id, name, type: kind, description, score: result.score ?? 1 });
        if (hits.length >= limit) break;
      }
      return hits;
    },
  };
}

export function createRecordSearch(records: readonly EntityRecord[]): EntitySearch {
  return createEntitySearch(records.map(toSearchDocument));
}
