import type { EntityRecord } from '../../lib/dataset/compiled';
import type { EntityType } from '../../lib/dataset/schema';
import { createEntitySearch, toSearchDocument, type SearchDocument } from '../../lib/search/entitySearch';
import { pick, seededRandom, summarize, type Summary } from './stats';

/**
 * Popup search as the reader types: every prefix of a query is one keystroke, timed on its own,
 * over the real records padded out with plausible invented ones to 1,000 and 5,000 entities.
 * Runs in Node: the popup's search is plain JavaScript, the same V8 runs it in both places.
 */

/** What readers type, typos included; each is timed one character at a time. */
export const TYPED_QUERIES = [
  'karzai airprt', 'hibatulah', 'isis khorasan', 'talibn', 'ahmad shah masood', 'kabul univrsity', 'dostum',
  'lydia khalil', 'haqqani network', 'panjshir valley', 'abbey gate', 'nangarhar', 'unama', 'al qaeda',
  'doha agrement', 'zalmay khalilzad', 'ashraf ghani', 'bagram', 'islamic emirate', 'mazar e sharif',
];

/** Typed once before timing, so the timed queries meet warm code but no cached result of their own. */
const WARM_UP_QUERIES = ['kandahar', 'helmand provnce', 'amrullah saleh'];

export interface SearchBenchmark {
  entities: number;
  keystrokes: number;
  /** createEntitySearch over all documents: the popup pays it once when it opens. */
  indexBuildMs: number;
  backstory: Summary;
  /** A case-insensitive substring filter over the same fields: the cheapest search there is. */
  substring: Summary;
}

/** One of the ways a name is spelt differently from the record: transliteration, doubling, dropping. */
const SPELLINGS: [RegExp, string][] = [
  [/ou/, 'u'], [/u/, 'oo'], [/ee/, 'i'], [/i(?!$)/, 'ee'], [/q/, 'k'], [/kh/, 'k'], [/z/, 's'], [/y/, 'i'],
  [/a([bdfghklmnrst])/, 'a$1$1'], [/([bdfghklmnrst])\1/, '$1'], [/e/, 'a'], [/o/, 'u'],
];

function respell(name: string, random: () => number): string {
  const first = Math.floor(random() * SPELLINGS.length);
  for (let k = 0; k < SPELLINGS.length; k++) {
    const [pattern, replacement] = SPELLINGS[(first + k) % SPELLINGS.length]!;
    const respelt = name.replace(pattern, replacement);
    if (respelt !== name) return respelt;
  }
  return `${name}i`;
}

const EVENT_KINDS = ['attack', 'bombing', 'airstrike', 'earthquake', 'election', 'raid', 'talks', 'offensive', 'floods'];
const PLACE_SUFFIXES = ['', ' district', ' valley', ' Kalay', 'abad', ' bazaar', ' pass', ' dam'];
const ORGANIZATION_SUFFIXES = ['Foundation', 'Council', 'Front', 'Brigade', 'Institute', 'Network', 'Mission', 'Committee'];

/** `count` search documents: every real record, then invented ones built from their parts. */
export function syntheticSearchDocuments(records: readonly EntityRecord[], count: number, seed = 5): SearchDocument[] {
  const random = seededRandom(seed);
  const documents = records.map(toSearchDocument).slice(0, count);
  const byType = new Map<EntityType, SearchDocument[]>();
  for (const document of documents) byType.set(document.type, [...(byType.get(document.type) ?? []), document]);
  const places = byType.get('place') ?? documents;
  const taken = new Set(documents.map((document) => document.name.toLowerCase()));

  const invent = (type: EntityType): string => {
    const sameType = byType.get(type) ?? documents;
    const tokensOf = (document: SearchDocument) => document.name.split(' ');
    switch (type) {
      case 'event':
        return `${2001 + Math.floor(random() * 26)} ${pick(random, places).name} ${pick(random, EVENT_KINDS)}`;
      case 'place':
        return `${respell(tokensOf(pick(random, sameType))[0]!, random)}${pick(random, PLACE_SUFFIXES)}`;
      case 'organization': {
        // The head of one organisation's name with the tail of another's, or a new body of an existing one.
        const head = tokensOf(pick(random, sameType));
        const tail = tokensOf(pick(random, sameType));
        if (head.length < 2 || tail.length < 2) return `${head.join(' ')} ${pick(random, ORGANIZATION_SUFFIXES)}`;
        return [...head.slice(0, Math.ceil(head.length / 2)), ...tail.slice(Math.ceil(tail.length / 2))].join(' ');
      }
      case 'person': {
        // One person's given names with another's family name, often spelt another way.
        const given = tokensOf(pick(random, sameType));
        const family = tokensOf(pick(random, sameType));
        const name = [...given.slice(0, Math.max(1, given.length - 1)), family.at(-1)!].join(' ');
        return random() < 0.5 ? respell(name, random) : name;
      }
    }
  };

  for (let i = 0; documents.length < count; i++) {
    const model = pick(random, records);
    const name = invent(model.type);
    if (taken.has(name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    const lastWord = name.split(' ').at(-1)!;
    documents.push({
      id: `synthetic-${i}`,
      type: model.type,
      name,
      aliases: [respell(name, random), ...(model.type === 'person' ? [lastWord] : [])],
      description: pick(random, byType.get(model.type) ?? documents).description,
    });
  }
  return documents;
}

function timeKeystrokes(queries: readonly string[], search: (query: string) => unknown): number[] {
  const times: number[] = [];
  for (const query of queries) {
    for (let length = 1; length <= query.length; length++) {
      const typed = query.slice(0, length);
      const start = performance.now();
      search(typed);
      times.push(performance.now() - start);
    }
  }
  return times;
}

function substringFilter(documents: readonly SearchDocument[]): (query: string) => SearchDocument[] {
  const haystacks = documents.map((document) => [document.name, ...document.aliases, document.description].join('\n').toLowerCase());
  return (query) => {
    const needle = query.trim().toLowerCase();
    const found: SearchDocument[] = [];
    for (let i = 0; i < documents.length && found.length < 20; i++) {
      if (haystacks[i]!.includes(needle)) found.push(documents[i]!);
    }
    return found;
  };
}

export function benchmarkSearch(records: readonly EntityRecord[], entities: number): SearchBenchmark {
  const documents = syntheticSearchDocuments(records, entities);
  const buildStart = performance.now();
  const search = createEntitySearch(documents);
  const indexBuildMs = performance.now() - buildStart;
  const substring = substringFilter(documents);

  timeKeystrokes(WARM_UP_QUERIES, (query) => search.search(query));
  timeKeystrokes(WARM_UP_QUERIES, substring);
  const backstoryTimes = timeKeystrokes(TYPED_QUERIES, (query) => search.search(query));
  const substringTimes = timeKeystrokes(TYPED_QUERIES, substring);
  return {
    entities: documents.length,
    keystrokes: backstoryTimes.length,
    indexBuildMs,
    backstory: summarize(backstoryTimes),
    substring: summarize(substringTimes),
  };
}
