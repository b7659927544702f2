import { HASH_MASK, HASH_PRIME, HASH_SEED, type Matcher } from './matcherIndex';
import { isTitleCase, TITLE_CASE_WORD } from './nameContext';
import { foldCodePoint } from './normalize';
import { DOT, gapKindOf, isWordChar, SENTENCE_END, SKIPPED_BEFORE_SENTENCE, IS_ASCII_WORD_UNIT, SPACE, type TokenScan } from './tokenScan';

/**
 * Most passages of an English news page are plain: ASCII, plus quotes, dashes and spaces that fold
 * to one character each and are never part of a word. Folding such a passage changes no offsets
 * (runs of spaces aside), and its words are runs of [A-Za-z0-9], so it can be read where it stands,
 * and only near capitals and digits: every name starts with one or carries one within a few words
 * (matcher.lowerCaseLead), except the few that need none (matcher.lowerCaseAnchors).
 */

/** Folded unit of each non-ASCII character a plain passage may hold, or -1 where it may not. */
const plainUnits = new Map<number, number>();

function plainUnitOf(unit: number): number {
  let folded = plainUnits.get(unit);
  if (folded === undefined) {
    folded = -1;
    if (unit < 0xd800 || unit > 0xdfff) {
      const char = String.fromCharCode(unit);
      const fold = foldCodePoint(unit, char);
      if (fold.length === 1 && !isWordChar(fold)) folded = fold.charCodeAt(0);
    }
    plainUnits.set(unit, folded);
  }
  return folded;
}

/** A character of a plain passage as folding sees it: spaces are SPACE, letters lower case. */
function foldedUnit(unit: number): number {
  if (unit >= 0x80) return plainUnitOf(unit);
  if (unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d || unit === 0x0c) return SPACE;
  if (unit === 0x60) return 0x27;
  return unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;
}

const NON_ASCII = /[^\x00-\x7f]/g;

export function isPlainPassage(text: string): boolean {
  NON_ASCII.lastIndex = 0;
  while (NON_ASCII.test(text)) {
    if (plainUnitOf(text.charCodeAt(NON_ASCII.lastIndex - 1)) < 0) return false;
  }
  return true;
}

export function isWordAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  return unit < 0x80 && IS_ASCII_WORD_UNIT[unit] === 1;
}

/** Where the word holding (or starting at) `i` starts. */
export function wordStartAt(text: string, i: number): number {
  while (i > 0 && isWordAt(text, i - 1)) i--;
  return i;
}

export function wordEndAt(text: string, i: number): number {
  while (i < text.length && isWordAt(text, i)) i++;
  return i;
}

/** hashWord of the word text[start, end), lower-cased on the fly. */
export function plainWordHash(text: string, start: number, end: number): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    hash = Math.imul(hash ^ (unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit), HASH_PRIME);
  }
  return hash & HASH_MASK;
}

/** The first-word entry (index + 1, or 0) of the word text[start, end). */
export function firstWordOf(matcher: Matcher, text: string, start: number, end: number): number {
  return firstWordByHash(matcher, plainWordHash(text, start, end), text, start, end);
}

/** firstWordOf, the word's hash already known. */
export function firstWordByHash(matcher: Matcher, hash: number, text: string, start: number, end: number): number {
  const { slots, firstWordHashes, firstWords } = matcher;
  const mask = slots.length - 1;
  for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    const wordIndex = slots[slot]! - 1;
    if (firstWordHashes[wordIndex] === hash && lowerEquals(text, start, end, firstWords[wordIndex]!)) return wordIndex + 1;
  }
  return 0;
}

function lowerEquals(text: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) {
    const unit = text.charCodeAt(start + k);
    if ((unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * The gap between two words of a plain passage folded and classified in place (see gapKindOf);
 * runs of spaces count as one, as folding collapses them.
 */
export function plainGapKind(text: string, from: number, to: number): number {
  let count = 0;
  let first = 0;
  let second = 0;
  let third = 0;
  let lastWasSpace = false;
  for (let i = from; i < to; i++) {
    const unit = foldedUnit(text.charCodeAt(i));
    if (unit === SPACE) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    if (count === 3) return -1;
    if (count === 0) first = unit;
    else if (count === 1) second = unit;
    else third = unit;
    count++;
  }
  return gapKindOf(first, second, third, count);
}

/** Spaces only, and no line break: words on two lines of plain text are no neighbours (see TokenScan.neighbour). */
function isSingleSpace(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a || unit === 0x0d || unit === 0x2028 || unit === 0x2029 || foldedUnit(unit) !== SPACE) return false;
  }
  return true;
}

/** Room for the words a match may look at either side of where it is tried. */
const CAPACITY = 64;
const ORIGIN = 8;

/** A plain passage, its words read lazily around the one a match is tried at (token 0). */
/** Shared by every plain scan, which is used up before the next one starts. */
const wordStarts = new Int32Array(CAPACITY);
const wordEnds = new Int32Array(CAPACITY);
const neighbourWords: (string | undefined)[] = [];
/** The focus each neighbour slot was last answered for (see PlainScan.focusCount). */
const neighbourAsked = new Int32Array(CAPACITY * 2);

export class PlainScan implements TokenScan {
  private readonly starts = wordStarts;
  private readonly ends = wordEnds;
  private ahead = 0;
  private behind = 0;
  private titleCase: boolean | undefined = undefined;
  original = '';
  private matcher!: Matcher;

  /** The first-word entry of token 0, when the caller already looked it up. */
  private focusEntry: number | undefined = undefined;

  /** The scan now reads `original`; focus() picks the word to try. */
  read(original: string, matcher: Matcher): this {
    this.original = original;
    this.matcher = matcher;
    this.titleCase = undefined;
    this.ahead = this.behind = 0;
    return this;
  }

  /** Makes the word text[start, end) token 0. */
  focus(start: number, end: number, entry?: number): void {
    this.starts[ORIGIN] = start;
    this.ends[ORIGIN] = end;
    this.ahead = 1;
    this.behind = 0;
    this.focusEntry = entry;
    // A new focus makes every remembered neighbour stale, without clearing them one by one.
    this.focusCount = (this.focusCount + 1) | 0;
  }

  has(token: number): boolean {
    if (token >= 0) {
      while (token >= this.ahead && this.readAhead());
      return token < this.ahead;
    }
    while (-token > this.behind && this.readBehind());
    return -token <= this.behind;
  }

  private readAhead(): boolean {
    const slot = ORIGIN + this.ahead;
    if (slot >= CAPACITY) return false;
    const text = this.original;
    let i = this.ends[slot - 1]!;
    while (i < text.length && !isWordAt(text, i)) i++;
    if (i >= text.length) return false;
    this.starts[slot] = i;
    this.ends[slot] = wordEndAt(text, i);
    this.ahead++;
    return true;
  }

  private readBehind(): boolean {
    const slot = ORIGIN - this.behind - 1;
    if (slot < 0) return false;
    const text = this.original;
    let i = this.starts[slot + 1]!;
    while (i > 0 && !isWordAt(text, i - 1)) i--;
    if (i === 0) return false;
    this.ends[slot] = i;
    this.starts[slot] = wordStartAt(text, i - 1);
    this.behind++;
    return true;
  }

  firstWordEntry(token: number): number {
    if (token === 0 && this.focusEntry !== undefined) return this.focusEntry;
    return firstWordOf(this.matcher, this.original, this.originalStart(token), this.originalEnd(token));
  }

  tokenHash(token: number): number {
    return plainWordHash(this.original, this.originalStart(token), this.originalEnd(token));
  }

  tokenIs(token: number, word: string): boolean {
    return lowerEquals(this.original, this.originalStart(token), this.originalEnd(token), word);
  }

  originalStart(token: number): number {
    return this.starts[ORIGIN + token]!;
  }

  originalEnd(token: number): number {
    return this.ends[ORIGIN + token]!;
  }

  endOfDotAfter(token: number): number {
    const end = this.originalEnd(token);
    return end < this.original.length && foldedUnit(this.original.charCodeAt(end)) === DOT ? end + 1 : -1;
  }

  cased(token: number): string {
    return this.original.slice(this.originalStart(token), this.originalEnd(token));
  }

  casedCharAt(token: number, index: number): string | undefined {
    const at = this.originalStart(token) + index;
    return at < this.originalEnd(token) ? this.original[at] : undefined;
  }

  gapKind(token: number): number {
    return plainGapKind(this.original, this.originalEnd(token - 1), this.originalStart(token));
  }

  isTitleCase(): boolean {
    if (this.titleCase === undefined) {
      const text = this.original;
      const firstLetters: string[] = [];
      for (let i = 0; i < text.length; ) {
        if (!isWordAt(text, i)) {
          i++;
          continue;
        }
        const end = wordEndAt(text, i);
        if (end - i >= TITLE_CASE_WORD) firstLetters.push(text[i]!);
        i = end;
      }
      this.titleCase = isTitleCase(firstLetters);
    }
    return this.titleCase;
  }

  /** neighbour() answers for the current focus, by slot: the rules ask the same ones several times. */
  private readonly neighbours = neighbourWords;
  private readonly neighbourKnown = neighbourAsked;
  private focusCount = 1;

  neighbour(token: number, direction: -1 | 1): string | undefined {
    const slot = (ORIGIN + token) * 2 + (direction === 1 ? 1 : 0);
    if (slot >= 0 && slot < this.neighbourKnown.length && this.neighbourKnown[slot] === this.focusCount) return this.neighbours[slot];
    const other = token + direction;
    let word: string | undefined;
    if (this.has(other)) {
      const later = direction === 1 ? other : token;
      if (isSingleSpace(this.original, this.originalEnd(later - 1), this.originalStart(later))) word = this.cased(other);
    }
    if (slot >= 0 && slot < this.neighbourKnown.length) {
      this.neighbourKnown[slot] = this.focusCount;
      this.neighbours[slot] = word;
    }
    return word;
  }

  hyphenBefore(token: number): boolean {
    if (!this.has(token) || !this.has(token - 1)) return false;
    const gapStart = this.originalEnd(token - 1);
    return this.originalStart(token) - gapStart === 1 && foldedUnit(this.original.charCodeAt(gapStart)) === 0x2d;
  }

  startsSentence(token: number): boolean {
    const text = this.original;
    for (let i = this.originalStart(token) - 1; i >= 0; i--) {
      const unit = foldedUnit(text.charCodeAt(i));
      if (SKIPPED_BEFORE_SENTENCE.has(unit)) continue;
      return SENTENCE_END.has(unit);
    }
    return true;
  }
}
