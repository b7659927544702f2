import type { IndexedAlias, NameIndex } from '../dataset/compiled';
import { classifyGap } from './aliasPattern';
import { isNameHead, isPersonTitle, isSentenceStarter, isTitleCase, TITLE_CASE_WORD } from './nameContext';
import { foldKeepingCase, normalizeWithOffsets, originalEndOf, type NormalizedText } from './normalize';

/** A name found in one string, before the page decides which entity it means. */
export interface TextMatch {
  /** Offsets into the original string, end exclusive. */
  start: number;
  end: number;
  /** Indexes into `nameIndex.aliases` whose case, spacing and position rules this occurrence meets. */
  aliases: number[];
  /** A person's title comes right before it ("President Hamid Karzai"). */
  titled?: boolean;
  /**
   * Short forms this occurrence spells but which here belong to someone else's name ("Khalil"
   * in "Khalil Rahimi"): later bare uses of them may mean that person.
   */
  shadows?: number[];
}

/** The compiled candidates behind one Map: longest match first, no regex union, no trie to build. */
export interface Matcher {
  readonly index: NameIndex;
  readonly byFirstWord: Map<string, number[]>;
}

export function buildMatcher(index: NameIndex): Matcher {
  return { index, byFirstWord: new Map(index.byFirstWord) };
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const wordUnitCache = new Map<number, boolean>();

/** Whether the UTF-16 unit at `i` belongs to a word (letters and digits of any script). */
function isWordUnit(unit: number, text: string, i: number): boolean {
  if (unit < 0x80) return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a);
  // Surrogates: judge the whole code point, from whichever half we stand on.
  if (unit >= 0xd800 && unit <= 0xdfff) {
    const at = unit >= 0xdc00 ? i - 1 : i;
    const codePoint = text.codePointAt(at)!;
    return WORD_CHAR.test(String.fromCodePoint(codePoint));
  }
  let known = wordUnitCache.get(unit);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCharCode(unit));
    wordUnitCache.set(unit, known);
  }
  return known;
}
const SENTENCE_END = new Set(['.', '!', '?', ':', '"', '“', '”', '«', '»', '•', '|']);
/** Text that is an address, not prose: names inside it are not names. */
const ADDRESS_LIKE = /https?:|www\.|@|\.(com|org|net|gov|edu|int|info|io|co|af|pk|uk)(\/|\b)/i;

function isUpper(char: string | undefined): boolean {
  return char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();
}

function isShouted(token: string): boolean {
  return token.length > 1 && token === token.toUpperCase() && token !== token.toLowerCase();
}

class TextScan {
  readonly normalized: NormalizedText;
  readonly tokenStarts: number[] = [];
  readonly tokenEnds: number[] = [];
  readonly tokens: string[] = [];
  private readonly casedTokens: (string | undefined)[] = [];

  constructor(readonly original: string) {
    this.normalized = normalizeWithOffsets(original);
    // A char-code loop instead of a Unicode regex: tokenising is on every page's hot path.
    const text = this.normalized.text;
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const inWord = i < text.length && isWordUnit(text.charCodeAt(i), text, i);
      if (inWord && start < 0) start = i;
      else if (!inWord && start >= 0) {
        this.tokens.push(text.slice(start, i));
        this.tokenStarts.push(start);
        this.tokenEnds.push(i);
        start = -1;
      }
    }
  }

  originalStart(token: number): number {
    return this.normalized.starts[this.tokenStarts[token]!]!;
  }

  originalEnd(token: number): number {
    return originalEndOf(this.normalized, this.original, this.tokenEnds[token]! - 1);
  }

  /** The token as the page wrote it, accents folded but capitals kept. */
  cased(token: number): string {
    let cased = this.casedTokens[token];
    if (cased === undefined) {
      const raw = this.original.slice(this.originalStart(token), this.originalEnd(token));
      cased = ASCII_ONLY.test(raw) ? raw : foldKeepingCase(raw);
      this.casedTokens[token] = cased;
    }
    return cased;
  }

  private gapKinds: Int8Array | undefined;

  /** How the words before `token` and `token` are separated (GapKind), or -1 if they cannot join. */
  gapKind(token: number): number {
    this.gapKinds ??= new Int8Array(this.tokens.length).fill(-2);
    let kind = this.gapKinds[token]!;
    if (kind === -2) {
      kind = classifyGap(this.gapBefore(token));
      this.gapKinds[token] = kind;
    }
    return kind;
  }

  gapBefore(token: number): string {
    return this.normalized.text.slice(this.tokenEnds[token - 1]!, this.tokenStarts[token]);
  }

  private titleCase: boolean | undefined;

  /** Whether the whole passage is a Title Case headline (first letters suffice: no folding). */
  isTitleCase(): boolean {
    if (this.titleCase === undefined) {
      const firstLetters: string[] = [];
      for (let i = 0; i < this.tokens.length; i++) {
        if (this.tokens[i]!.length >= TITLE_CASE_WORD) firstLetters.push(this.original[this.originalStart(i)]!);
      }
      this.titleCase = isTitleCase(firstLetters);
    }
    return this.titleCase;
  }

  /** The word right before (or after) `token`, when only a plain space separates them. */
  neighbour(token: number, direction: -1 | 1): string | undefined {
    const other = token + direction;
    if (other < 0 || other >= this.tokens.length) return undefined;
    const gap = direction === 1 ? this.gapBefore(other) : this.gapBefore(token);
    return gap === ' ' ? this.cased(other) : undefined;
  }

  startsSentence(token: number): boolean {
    const text = this.normalized.text;
    for (let i = this.tokenStarts[token]! - 1; i >= 0; i--) {
      const char = text[i]!;
      if (char === ' ' || char === '(' || char === '[' || char === "'") continue;
      return SENTENCE_END.has(char);
    }
    return true;
  }
}

function meetsCaseRule(scan: TextScan, alias: IndexedAlias, first: number, last: number): boolean {
  if (alias.case === 'any') return true;
  const forms = (alias.forms ?? alias.key).split(' ');
  if (alias.case === 'exact') {
    for (let k = 0; k <= last - first; k++) {
      if (scan.cased(first + k) !== forms[k]) return false;
    }
    // In an all-capitals headline an acronym cannot be told from a word ("WHAT IS NEXT", "US" vs "us").
    const before = first > 0 ? scan.cased(first - 1) : undefined;
    const after = last + 1 < scan.tokens.length ? scan.cased(last + 1) : undefined;
    const shoutedNeighbours = [before, after].filter((token) => token !== undefined && isShouted(token));
    return shoutedNeighbours.length === 0;
  }
  for (let k = 0; k < forms.length; k++) {
    const form = forms[k]!;
    for (let c = 0; c < form.length; c++) {
      if (isUpper(form[c])) return isUpper(scan.cased(first + k)[c]);
    }
  }
  return true;
}

function gapsMatch(alias: IndexedAlias, scan: TextScan, first: number, last: number): boolean {
  for (let k = first + 1; k <= last; k++) {
    const wanted = alias.gaps ? Number(alias.gaps[k - first - 1]) : 0;
    if (scan.gapKind(k) !== wanted) return false;
  }
  return true;
}

function isInsideAddress(original: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/\s/.test(original[from - 1]!)) from--;
  let to = end;
  while (to < original.length && !/\s/.test(original[to]!)) to++;
  return ADDRESS_LIKE.test(original.slice(from, to));
}

function isCapitalised(word: string | undefined): boolean {
  return word !== undefined && /^\p{Lu}/u.test(word);
}

/** A short form inside a longer capitalised name is another person's ("Mahmoud Karzai", "Khalil Rahimi"). */
function isPartOfAnotherName(scan: TextScan, first: number, last: number): boolean {
  if (scan.isTitleCase()) return false;
  const after = scan.neighbour(last, 1);
  if (isCapitalised(after) && !isNameHead(after!)) return true;
  const before = scan.neighbour(first, -1);
  return isCapitalised(before) && !isPersonTitle(before!) && !isSentenceStarter(before!);
}

/** "Kunar River", "Afghanistan Regional Monitor": capitalised words ending in a head noun follow. */
function startsLongerName(scan: TextScan, last: number): boolean {
  if (scan.isTitleCase()) return false;
  for (let token = last, step = 0; step < 3; step++) {
    const next = scan.neighbour(token, 1);
    if (!isCapitalised(next)) return false;
    if (isNameHead(next!)) return true;
    token++;
  }
  return false;
}

/** Finds every name of the index in `text`: longest match wins, then scanning resumes after it. */
export function findMatches(matcher: Matcher, text: string): TextMatch[] {
  const scan = new TextScan(text);
  const { aliases, candidates } = matcher.index;
  const matches: TextMatch[] = [];
  const tokenCount = scan.tokens.length;

  for (let first = 0; first < tokenCount; first++) {
    const list = matcher.byFirstWord.get(scan.tokens[first]!);
    if (!list) continue;
    let best: { last: number; aliases: number[]; shadows: number[] } | undefined;
    for (const candidateIndex of list) {
      const candidate = candidates[candidateIndex]!;
      const last = first + candidate.words.length - 1;
      // Longest first: once something fits, only candidates as long can join it.
      if (best && last < best.last) break;
      if (last >= tokenCount) continue;
      let joined = true;
      for (let k = 1; k < candidate.words.length; k++) {
        if (scan.tokens[first + k] !== candidate.words[k] || scan.gapKind(first + k) === -1) {
          joined = false;
          break;
        }
      }
      if (!joined) continue;
      if (candidate.stop) {
        best = { last, aliases: [], shadows: [] };
        continue;
      }
      const fitting: number[] = [];
      const shadows: number[] = [];
      for (const aliasIndex of candidate.aliases) {
        const alias = aliases[aliasIndex]!;
        if (
          !gapsMatch(alias, scan, first, last) ||
          !meetsCaseRule(scan, alias, first, last) ||
          (alias.notSentenceStart && (scan.startsSentence(first) || scan.isTitleCase()))
        ) {
          continue;
        }
        if (alias.requires === 'fullName' && isPartOfAnotherName(scan, first, last)) shadows.push(aliasIndex);
        else fitting.push(aliasIndex);
      }
      if (fitting.length > 0 || shadows.length > 0) best = { last, aliases: fitting, shadows };
    }
    if (!best) continue;
    // "Kunar River", "Kabul Bank": the name is the start of a longer name of something else.
    if ((best.aliases.length === 0 && best.shadows.length === 0) || startsLongerName(scan, best.last)) {
      first = best.last;
      continue;
    }
    const start = scan.originalStart(first);
    let end = scan.originalEnd(best.last);
    const dotAt = scan.tokenEnds[best.last]!;
    if (scan.normalized.text[dotAt] === '.' && best.aliases.some((a) => aliases[a]!.trailingDot)) {
      end = originalEndOf(scan.normalized, text, dotAt);
    }
    if (!isInsideAddress(text, start, end)) {
      const before = scan.neighbour(first, -1);
      matches.push({
        start,
        end,
        aliases: best.aliases,
        ...(before !== undefined && isPersonTitle(before) ? { titled: true } : {}),
        ...(best.shadows.length > 0 ? { shadows: best.shadows } : {}),
      });
    }
    first = best.last;
  }
  return matches;
}
