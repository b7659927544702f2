import { formsOf } from '../dataset/aliasRules';
import type { IndexedAlias, MatchCandidate, NameIndex, ScanTables } from '../dataset/compiled';

/**
 * The name index as the matcher reads it: an open-addressing hash table of the words names start
 * with, so a page's tokens are hashed as they are read and only those that start a name are ever
 * compared or turned into strings. Plus what the capitals-first scan of plain passages
 * (plainScan.ts) needs to find names that do not start with a capital.
 */
export interface Matcher {
  readonly index: NameIndex;
  /** First words, and for each the candidates (indexes into `index.candidates`) it starts, longest first. */
  readonly firstWords: readonly string[];
  readonly candidateLists: readonly (readonly number[])[];
  readonly firstWordHashes: Int32Array;
  /** Slots of the hash table: index into `firstWords` + 1, or 0 for an empty slot. */
  readonly slots: Int32Array;
  /**
   * Names of two words or more by the hashes of their first two words (see pairKey), longest
   * first: a common first word ("Kabul", "Islamic") starts dozens of names, its next word few.
   */
  readonly byFirstPair: ReadonlyMap<number, readonly number[]>;
  /** For each first word, its one-word names (at most a few). */
  readonly singleWord: readonly (readonly number[])[];
  /**
   * 1 where a first word, written all in lower case, can still start a name: "bin Laden",
   * "al-Qaeda", "fall of Kabul", or a stop phrase. Such names carry their first capital later on.
   */
  readonly startsInLowerCase: Uint8Array;
  /** How many words before its first capital such a name can start. */
  readonly lowerCaseLead: number;
  /**
   * By the hash of a word with a capital or digit: bit j is set where some name that starts in
   * lower case has that word j words after its start. No entry, no name to look back for.
   */
  readonly leadsByHash: ReadonlyMap<number, number>;
  /**
   * Names that need no capital at all ("vice and virtue law"): one of their words to look for, and
   * how many words after the name's start it comes.
   */
  readonly lowerCaseAnchors: readonly LowerCaseAnchor[];
}

export interface LowerCaseAnchor {
  word: string;
  /** How many words after the start of a name this word comes (one per name it anchors). */
  offsets: number[];
  /**
   * Where in the word the search begins: at its rarest letter, so that the native string search
   * stops at few places ("university" is searched as "versity").
   */
  needleAt: number;
}

/** English letters from rarest to most common, for choosing where to search a word from. */
const RARE_FIRST = 'zqxjkvbpygfwmucldrhsnioate';

function rarestStart(word: string): number {
  let best = 0;
  for (let i = 0; i <= word.length - 3; i++) {
    const rank = RARE_FIRST.indexOf(word[i]!);
    const bestRank = RARE_FIRST.indexOf(word[best]!);
    if (rank >= 0 && (bestRank < 0 || rank < bestRank)) best = i;
  }
  return best;
}

export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;
/**
 * Hashes are cut to 30 bits: V8 keeps such integers unboxed (as small integers) in arrays and Map
 * keys, which makes wrapping the compiled tables in a tab several times cheaper.
 */
export const HASH_MASK = 0x3fffffff;

export function pairKey(firstHash: number, secondHash: number): number {
  return (Math.imul(firstHash, 31) ^ secondHash) & HASH_MASK;
}

export function hashWord(word: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), HASH_PRIME);
  return hash & HASH_MASK;
}

const HAS_UPPER = /\p{Lu}/u;
/** A word a plain passage can hold (see plainScan.ts), folded. */
const PLAIN_FOLDED_WORD = /^[a-z0-9]+$/;

const HAS_DIGIT = /[0-9]/;

/**
 * The first word of the alias that the page must write with a capital (see meetsCaseRule) or that
 * holds a digit: where a scan that looks only at capitals and digits finds it. -1 if there is none.
 */
function firstFindableWord(alias: IndexedAlias): number {
  const words = formsOf(alias).split(' ');
  return words.findIndex((word) => (alias.case !== 'any' && HAS_UPPER.test(word)) || HAS_DIGIT.test(word));
}

/**
 * The matcher's tables, worked out when the dataset is compiled (and when a pack is added) so that
 * a tab only copies them into typed arrays and Maps: see Matcher for what each one is.
 */
export function scanTables(index: {
  aliases: readonly IndexedAlias[];
  candidates: readonly MatchCandidate[];
  byFirstWord: readonly (readonly [string, readonly number[]])[];
}): ScanTables {
  const candidateLists = index.byFirstWord.map(([, list]) => list);
  const firstWordHashes = index.byFirstWord.map(([word]) => hashWord(word));
  let size = 16;
  while (size < firstWordHashes.length * 2) size *= 2;
  const slots = new Array<number>(size).fill(0);
  firstWordHashes.forEach((hash, wordIndex) => {
    let slot = hash & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = wordIndex + 1;
  });

  const byFirstPair = new Map<number, number[]>();
  const singleWord = candidateLists.map((list) => list.filter((candidate) => index.candidates[candidate]!.words.length === 1));
  candidateLists.forEach((list, wordIndex) => {
    for (const candidateIndex of list) {
      const words = index.candidates[candidateIndex]!.words;
      if (words.length < 2) continue;
      const key = pairKey(firstWordHashes[wordIndex]!, hashWord(words[1]!));
      const pair = byFirstPair.get(key);
      if (pair) pair.push(candidateIndex);
      else byFirstPair.set(key, [candidateIndex]);
    }
  });
  // Two pairs may share a key; each list must still run longest first.
  for (const list of byFirstPair.values()) list.sort((a, b) => index.candidates[b]!.words.length - index.candidates[a]!.words.length);

  const startsInLowerCase: number[] = [];
  let lowerCaseLead = 0;
  const leadsByHash = new Map<number, number>();
  /** The name can start `distance` words before `word`, its first capital (or any later word). */
  const addLeads = (words: readonly string[], upTo: number) => {
    for (let distance = 1; distance <= upTo; distance++) {
      const hash = hashWord(words[distance]!);
      leadsByHash.set(hash, (leadsByHash.get(hash) ?? 0) | (1 << distance));
    }
    lowerCaseLead = Math.max(lowerCaseLead, upTo);
  };
  const anchors = new Map<string, LowerCaseAnchor>();
  candidateLists.forEach((list, wordIndex) => {
    for (const candidateIndex of list) {
      const candidate = index.candidates[candidateIndex]!;
      if (candidate.stop) {
        startsInLowerCase.push(wordIndex);
        addLeads(candidate.words, candidate.words.length - 1);
        continue;
      }
      for (const aliasIndex of candidate.aliases) {
        const findable = firstFindableWord(index.aliases[aliasIndex]!);
        if (findable === 0) continue;
        startsInLowerCase.push(wordIndex);
        if (findable > 0) {
          addLeads(candidate.words, findable);
        } else {
          // No capital to find it by: look for its longest plain word instead.
          let offset = -1;
          candidate.words.forEach((word, at) => {
            if (PLAIN_FOLDED_WORD.test(word) && (offset < 0 || word.length > candidate.words[offset]!.length)) offset = at;
          });
          if (offset < 0) continue;
          const word = candidate.words[offset]!;
          const anchor = anchors.get(word) ?? { word, offsets: [], needleAt: rarestStart(word) };
          if (!anchor.offsets.includes(offset)) anchor.offsets.push(offset);
          anchors.set(word, anchor);
        }
      }
    }
  });
  if (lowerCaseLead > 30) throw new Error(`a name starts ${lowerCaseLead} words before its first capital: too far to look back`);
  return {
    firstWordHashes,
    slots,
    byFirstPair: [...byFirstPair],
    singleWord,
    startsInLowerCase: [...new Set(startsInLowerCase)],
    lowerCaseLead,
    leadsByHash: [...leadsByHash],
    lowerCaseAnchors: [...anchors.values()],
  };
}

/** A tab's matcher: the compiled tables wrapped, nothing worked out again. */
export function buildMatcher(index: NameIndex): Matcher {
  const { scan } = index;
  const startsInLowerCase = new Uint8Array(index.byFirstWord.length);
  for (const wordIndex of scan.startsInLowerCase) startsInLowerCase[wordIndex] = 1;
  return {
    index,
    firstWords: index.byFirstWord.map((entry) => entry[0]),
    candidateLists: index.byFirstWord.map((entry) => entry[1]),
    firstWordHashes: new Int32Array(scan.firstWordHashes),
    slots: new Int32Array(scan.slots),
    byFirstPair: new Map(scan.byFirstPair),
    singleWord: scan.singleWord,
    startsInLowerCase,
    lowerCaseLead: scan.lowerCaseLead,
    leadsByHash: new Map(scan.leadsByHash),
    lowerCaseAnchors: scan.lowerCaseAnchors,
  };
}
