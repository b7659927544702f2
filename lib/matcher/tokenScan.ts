import { GapKind } from './aliasPattern';
import { HASH_MASK, HASH_PRIME, HASH_SEED, type Matcher } from './matcherIndex';
import { isTitleCase, TITLE_CASE_WORD } from './nameContext';
import { createFoldBuffers, foldInto, foldKeepingCase } from './normalize';

/**
 * A passage cut into word tokens, as the matching rules read it. Tokens are numbered from the one
 * a match is tried at; `has` says whether a number is inside the passage. Two readings exist:
 * FoldedScan folds the whole passage first and serves any text; PlainScan (plainScan.ts) reads
 * plain passages where they stand and only near capitals.
 */
function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a || unit === 0x0d || unit === 0x2028 || unit === 0x2029) return true;
  }
  return false;
}

export interface TokenScan {
  readonly original: string;
  has(token: number): boolean;
  /** The token's entry in `matcher.firstWords` + 1, or 0 when no name starts with it. */
  firstWordEntry(token: number): number;
  /** hashWord of the token, folded. */
  tokenHash(token: number): number;
  /** Whether the token, folded, is `word`. */
  tokenIs(token: number, word: string): boolean;
  /** How the token before and this one are separated (GapKind), or -1 where they cannot join. */
  gapKind(token: number): number;
  /** The token as the page wrote it, accents folded but capitals kept. */
  cased(token: number): string;
  /** Character `index` of cased(token), or undefined past its end. */
  casedCharAt(token: number, index: number): string | undefined;
  /** Whether the whole passage is a Title Case headline. */
  isTitleCase(): boolean;
  /**
   * The word right before (or after) `token`, when only a plain space separates them. A line break
   * is more: in plain text it ends a headline or a paragraph ("…meets Jaishankar\nTaliban…").
   */
  neighbour(token: number, direction: -1 | 1): string | undefined;
  /** Whether a bare hyphen joins `token` to the token before it. */
  hyphenBefore(token: number): boolean;
  startsSentence(token: number): boolean;
  originalStart(token: number): number;
  originalEnd(token: number): number;
  /** Where a dot right after the token ends in the original ("U.S."), or -1 when none follows. */
  endOfDotAfter(token: number): number;
}

export const SPACE = 0x20;
export const DOT = 0x2e;
const SLASH = 0x2f;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
/** After one of these (spaces, opening brackets and quotes skipped), a word starts a sentence. */
export const SENTENCE_END = new Set([...'.!?:"“”«»•|'].map((char) => char.charCodeAt(0)));
export const SKIPPED_BEFORE_SENTENCE = new Set([...' ([\''].map((char) => char.charCodeAt(0)));

/**
 * `classifyGap` over folded units already collapsed to at most three: optional space, optional
 * joiner, optional space.
 */
export function gapKindOf(first: number, second: number, third: number, count: number): number {
  let i = 0;
  if (i < count && unitAt(i, first, second, third) === SPACE) i++;
  let kind: number = GapKind.Plain;
  if (i < count) {
    const unit = unitAt(i, first, second, third);
    if (unit === SLASH) kind = GapKind.Slash;
    else if (unit === DOT) {
      kind = GapKind.Dot;
      // "U.S.-Taliban": the dot that ends an acronym, then the hyphen that joins it on.
      if (i + 1 < count && unitAt(i + 1, first, second, third) === HYPHEN) i++;
    }
    else if (unit === APOSTROPHE) kind = GapKind.Apostrophe;
    else if (unit !== HYPHEN) return -1;
    i++;
  }
  if (i < count && unitAt(i, first, second, third) === SPACE) i++;
  return i === count && count > 0 ? kind : -1;
}

function unitAt(index: number, first: number, second: number, third: number): number {
  return index === 0 ? first : index === 1 ? second : third;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** 1 for the ASCII letters and digits: the common case of the tokeniser, without a call. */
export const IS_ASCII_WORD_UNIT = new Uint8Array(128);
for (let unit = 0; unit < 128; unit++) IS_ASCII_WORD_UNIT[unit] = /[a-zA-Z0-9]/.test(String.fromCharCode(unit)) ? 1 : 0;
const wordUnitCache = new Map<number, boolean>();

export function isWordChar(char: string): boolean {
  return WORD_CHAR.test(char);
}

/** Whether the non-ASCII unit at `i` belongs to a word (letters and digits of any script). */
function isWordUnit(codes: Uint16Array, length: number, i: number): boolean {
  const unit = codes[i]!;
  // Surrogates: judge the whole code point, from whichever half we stand on.
  if (unit >= 0xd800 && unit <= 0xdfff) {
    const high = unit >= 0xdc00 ? (i > 0 ? codes[i - 1]! : 0) : unit;
    const low = unit >= 0xdc00 ? unit : i + 1 < length ? codes[i + 1]! : 0;
    if (high < 0xd800 || high > 0xdbff || low < 0xdc00 || low > 0xdfff) return false;
    return WORD_CHAR.test(String.fromCharCode(high, low));
  }
  let known = wordUnitCache.get(unit);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCharCode(unit));
    wordUnitCache.set(unit, known);
  }
  return known;
}

/**
 * Scratch space shared by every folded scan: a page has thousands of passages, and allocating for
 * each would cost more than reading it. A scan is used up before the next one starts.
 */
const fold = createFoldBuffers();
let tokenStarts = new Int32Array(256);
let tokenEnds = new Int32Array(256);
/** Index into `matcher.firstWords` + 1 of the token, or 0 when no name starts with it. */
let tokenFirstWord = new Int32Array(256);
let tokenHashes = new Int32Array(256);

function growTokens(): void {
  const size = tokenStarts.length * 2;
  const grown = (old: Int32Array) => {
    const next = new Int32Array(size);
    next.set(old);
    return next;
  };
  tokenStarts = grown(tokenStarts);
  tokenEnds = grown(tokenEnds);
  tokenFirstWord = grown(tokenFirstWord);
  tokenHashes = grown(tokenHashes);
}

/** Any passage, folded whole and cut into tokens numbered from its first; see TokenScan. */
export class FoldedScan implements TokenScan {
  original = '';
  length = 0;
  tokenCount = 0;
  private codes = fold.codes;
  private starts = fold.starts;
  private titleCase: boolean | undefined = undefined;

  /** Folds `original` and cuts it into tokens: the scan now reads it. */
  read(original: string, matcher: Matcher): this {
    this.original = original;
    this.titleCase = undefined;
    const length = (this.length = foldInto(original, fold));
    const codes = (this.codes = fold.codes);
    this.starts = fold.starts;
    const { slots, firstWordHashes, firstWords } = matcher;
    const mask = slots.length - 1;
    // One pass over char codes: word boundaries and a hash of each word, probed in the first-word table.
    let count = 0;
    let start = -1;
    let hash = HASH_SEED;
    for (let i = 0; i <= length; i++) {
      const unit = i < length ? codes[i]! : SPACE;
      const inWord = unit < 0x80 ? IS_ASCII_WORD_UNIT[unit] === 1 : isWordUnit(codes, length, i);
      if (inWord) {
        if (start < 0) {
          start = i;
          hash = HASH_SEED;
        }
        hash = Math.imul(hash ^ unit, HASH_PRIME);
      } else if (start >= 0) {
        hash &= HASH_MASK;
        if (count === tokenStarts.length) growTokens();
        tokenStarts[count] = start;
        tokenEnds[count] = i;
        let found = 0;
        for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
          const wordIndex = slots[slot]! - 1;
          if (firstWordHashes[wordIndex] === hash && this.unitsEqual(start, i, firstWords[wordIndex]!)) {
            found = wordIndex + 1;
            break;
          }
        }
        tokenHashes[count] = hash;
        tokenFirstWord[count++] = found;
        start = -1;
      }
    }
    this.tokenCount = count;
    return this;
  }

  private unitsEqual(from: number, to: number, word: string): boolean {
    if (word.length !== to - from) return false;
    for (let k = 0; k < word.length; k++) if (this.codes[from + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  has(token: number): boolean {
    return token >= 0 && token < this.tokenCount;
  }

  firstWordEntry(token: number): number {
    return tokenFirstWord[token]!;
  }

  tokenHash(token: number): number {
    return tokenHashes[token]!;
  }

  tokenIs(token: number, word: string): boolean {
    return this.unitsEqual(tokenStarts[token]!, tokenEnds[token]!, word);
  }

  originalStart(token: number): number {
    return this.starts[tokenStarts[token]!]!;
  }

  /** Where the source code point of folded unit `index` ends in the original. */
  private originalEndOfUnit(index: number): number {
    const start = this.starts[index]!;
    const unit = this.original.charCodeAt(start);
    return start + (unit >= 0xd800 && unit <= 0xdbff ? 2 : 1);
  }

  originalEnd(token: number): number {
    return this.originalEndOfUnit(tokenEnds[token]! - 1);
  }

  endOfDotAfter(token: number): number {
    const at = tokenEnds[token]!;
    return at < this.length && this.codes[at] === DOT ? this.originalEndOfUnit(at) : -1;
  }

  cased(token: number): string {
    const raw = this.original.slice(this.originalStart(token), this.originalEnd(token));
    return ASCII_ONLY.test(raw) ? raw : foldKeepingCase(raw);
  }

  casedCharAt(token: number, index: number): string | undefined {
    return this.cased(token)[index];
  }

  gapKind(token: number): number {
    const from = tokenEnds[token - 1]!;
    const count = tokenStarts[token]! - from;
    if (count > 3) return -1;
    const codes = this.codes;
    return gapKindOf(codes[from]!, count > 1 ? codes[from + 1]! : 0, count > 2 ? codes[from + 2]! : 0, count);
  }

  isTitleCase(): boolean {
    if (this.titleCase === undefined) {
      const firstLetters: string[] = [];
      for (let i = 0; i < this.tokenCount; i++) {
        if (tokenEnds[i]! - tokenStarts[i]! >= TITLE_CASE_WORD) firstLetters.push(this.original[this.originalStart(i)]!);
      }
      this.titleCase = isTitleCase(firstLetters);
    }
    return this.titleCase;
  }

  neighbour(token: number, direction: -1 | 1): string | undefined {
    const other = token + direction;
    if (!this.has(other) || !this.has(token)) return undefined;
    const later = direction === 1 ? other : token;
    const gapStart = tokenEnds[later - 1]!;
    if (tokenStarts[later]! - gapStart !== 1 || this.codes[gapStart] !== SPACE) return undefined;
    return hasLineBreak(this.original, this.originalEnd(later - 1), this.originalStart(later)) ? undefined : this.cased(other);
  }

  hyphenBefore(token: number): boolean {
    if (!this.has(token) || !this.has(token - 1)) return false;
    const gapStart = tokenEnds[token - 1]!;
    return tokenStarts[token]! - gapStart === 1 && this.codes[gapStart] === HYPHEN;
  }

  startsSentence(token: number): boolean {
    for (let i = tokenStarts[token]! - 1; i >= 0; i--) {
      const unit = this.codes[i]!;
      if (SKIPPED_BEFORE_SENTENCE.has(unit)) continue;
      return SENTENCE_END.has(unit);
    }
    return true;
  }
}
