import type { IndexedAlias } from '../dataset/compiled';
import { GapKind } from './aliasPattern';
import { pairKey, type Matcher } from './matcherIndex';
import { isCompoundJoiner, isNameHead, isKinGroupNoun, isPersonTitle, isPlaceNoun, isPlacePreposition, isSentenceStarter } from './nameContext';
import { firstWordByHash, firstWordOf, isPlainPassage, isWordAt, plainWordHash, PlainScan, plainGapKind, wordEndAt, wordStartAt } from './plainScan';
import { FoldedScan, type TokenScan } from './tokenScan';
import { formsOf, isShortForm } from '../dataset/aliasRules';

export { buildMatcher, type Matcher } from './matcherIndex';

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
  /** The text calls the place a province ("Khost province", "the provinces of Herat and Farah"). */
  asProvince?: true;
  /** Words of place say it is one ("fighting in Wardak", "the Khorasan region"), and no possessive follows. */
  located?: true;
}

/** Whether the aliases of a match belong to more than one entity: only then can a cue decide. */
function namesSeveral(matcher: Matcher, aliasIndexes: readonly number[]): boolean {
  const { aliases } = matcher.index;
  for (let i = 1; i < aliasIndexes.length; i++) {
    if (aliases[aliasIndexes[i]!]!.entity !== aliases[aliasIndexes[0]!]!.entity) return true;
  }
  return false;
}

/** What explainers put after a region's name: "Khorasan, a historical region", "“Khorasan” refers to a region". */
const REGION_APPOSITION = /[”"’']?(?:,| (?:refers to|is|was|means)) (?:a|an|the) (?:(?:historical|historic|ancient|old|vast|wider) )?region(?![A-Za-z])/y;

/** "in Wardak", "the region of Khorasan", "the Khorasan region", "Khorasan, a historical region": words that say it is a place. */
function isPlaceCue(scan: TokenScan, first: number, last: number, before: string | undefined): boolean {
  if (before !== undefined && isPlacePreposition(before)) return true;
  // In lower case only: "Khorasan Region" may be the start of another name.
  const after = scan.neighbour(last, 1);
  if (after !== undefined && after === after.toLowerCase() && isPlaceNoun(after)) return true;
  REGION_APPOSITION.lastIndex = scan.originalEnd(last);
  if (REGION_APPOSITION.test(scan.original)) return true;
  if (before !== 'of') return false;
  const noun = scan.neighbour(first - 1, -1);
  return noun !== undefined && isPlaceNoun(noun);
}

function isPossessiveAt(text: string, at: number): boolean {
  const apostrophe = text[at];
  return (apostrophe === "'" || apostrophe === '’') && (text[at + 1] === 's' || text[at + 1] === 'S');
}

/** Text that is an address, not prose: names inside it are not names. */
const ADDRESS_LIKE = /https?:|www\.|@|\.(com|org|net|gov|edu|int|info|io|co|af|pk|uk)(\/|\b)/i;

function isUpper(char: string | undefined): boolean {
  return char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();
}

function isShouted(token: string): boolean {
  return token.length > 1 && token === token.toUpperCase() && token !== token.toLowerCase();
}

/**
 * Whether the words in capitals next to `token`, on one side, include an ordinary word: then the
 * capitals are a shouted headline. Acronyms side by side ("US CENTCOM", "UN, EU") are no sign of one.
 */
function inShoutedRun(scan: TokenScan, token: number, direction: -1 | 1): boolean {
  for (let step = 1, next = token + direction; step <= 4 && scan.has(next) && isShouted(scan.cased(next)); step++, next += direction) {
    if (scan.firstWordEntry(next) === 0) return true;
  }
  return false;
}

/** The alias's words with their capitals, split once per alias and kept. */
const formWordsCache = new WeakMap<IndexedAlias, readonly string[]>();

function formWords(alias: IndexedAlias): readonly string[] {
  let words = formWordsCache.get(alias);
  if (!words) {
    words = formsOf(alias).split(' ');
    formWordsCache.set(alias, words);
  }
  return words;
}

/**
 * Where each alias's first capital is, two slots per alias (word, character): -1 when it has none,
 * -2 until asked. Kept per matcher, filled as aliases come up.
 */
const capitalSlots = new WeakMap<Matcher, Int32Array>();

function firstCapital(matcher: Matcher, aliasIndex: number): { word: number; char: number } | null {
  let slots = capitalSlots.get(matcher);
  if (!slots) {
    slots = new Int32Array(matcher.index.aliases.length * 2).fill(-2);
    capitalSlots.set(matcher, slots);
  }
  if (slots[aliasIndex * 2] === -2) {
    slots[aliasIndex * 2] = slots[aliasIndex * 2 + 1] = -1;
    const words = formWords(matcher.index.aliases[aliasIndex]!);
    search: for (let k = 0; k < words.length; k++) {
      const word = words[k]!;
      for (let c = 0; c < word.length; c++) {
        if (isUpper(word[c])) {
          slots[aliasIndex * 2] = k;
          slots[aliasIndex * 2 + 1] = c;
          break search;
        }
      }
    }
  }
  const word = slots[aliasIndex * 2]!;
  return word < 0 ? null : { word, char: slots[aliasIndex * 2 + 1]! };
}

function meetsCaseRule(matcher: Matcher, scan: TokenScan, aliasIndex: number, first: number, last: number): boolean {
  const alias = matcher.index.aliases[aliasIndex]!;
  if (alias.case === 'any') return true;
  if (alias.case === 'exact') {
    const forms = formWords(alias);
    for (let k = 0; k <= last - first; k++) {
      if (scan.cased(first + k) !== forms[k]) return false;
    }
    // In an all-capitals headline an acronym cannot be told from a word ("WHAT IS NEXT", "US" vs "us").
    return !inShoutedRun(scan, first, -1) && !inShoutedRun(scan, last, 1);
  }
  // "Capitalized": the first capital of the alias must be a capital on the page too.
  const capital = firstCapital(matcher, aliasIndex);
  return capital === null || isUpper(scan.casedCharAt(first + capital.word, capital.char));
}

function gapsMatch(alias: IndexedAlias, scan: TokenScan, first: number, last: number): boolean {
  for (let k = first + 1; k <= last; k++) {
    const wanted = alias.gaps ? Number(alias.gaps[k - first - 1]) : 0;
    const found = scan.gapKind(k);
    if (found !== wanted && !isUndottedInitial(scan, k, wanted, found)) return false;
  }
  return true;
}

/**
 * "S Jaishankar", "George W Bush": the dot after a one-letter initial of a name is often left out.
 * Not between single letters, where the dots make an acronym ("U.S.").
 */
function isUndottedInitial(scan: TokenScan, token: number, wanted: number, found: number): boolean {
  return wanted === GapKind.Dot && found === GapKind.Plain && scan.cased(token - 1).length === 1 && scan.cased(token).length > 1;
}

/** The characters JavaScript's \\s matches, by code. */
function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function isInsideAddress(original: string, start: number, end: number): boolean {
  // Every address form ADDRESS_LIKE knows has a ':', '.' or '@' in the same run of non-spaces.
  let marked = false;
  let from = start;
  while (from > 0) {
    const code = original.charCodeAt(from - 1);
    if (isSpaceCode(code)) break;
    marked ||= code === 0x2e || code === 0x3a || code === 0x40;
    from--;
  }
  let to = start;
  while (to < original.length) {
    const code = original.charCodeAt(to);
    if (to >= end && isSpaceCode(code)) break;
    marked ||= code === 0x2e || code === 0x3a || code === 0x40;
    to++;
  }
  return marked && ADDRESS_LIKE.test(original.slice(from, to));
}

const STARTS_UPPER = /^\p{Lu}/u;

function isCapitalised(word: string | undefined): boolean {
  if (word === undefined || word.length === 0) return false;
  // ASCII first: a Unicode property class is costly to compile, and V8 may drop the compiled code at any GC.
  const code = word.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return STARTS_UPPER.test(word);
}

/**
 * Names that may be the start or end of someone else's: short forms, and people's common names
 * that need context ("Mohammad Omar" in "Mohammad Omar Daudzai").
 */
function mayBePartOfAnotherName(matcher: Matcher, alias: IndexedAlias): boolean {
  return isShortForm(alias) || (alias.requires === 'context' && matcher.index.entities[alias.entity]!.type === 'person');
}

/**
 * A short form inside a longer capitalised name is another person's ("Mahmoud Karzai", "Khalil
 * Rahimi"). A place's name before it is no part of it: "envoy for Afghanistan Thomas West".
 */
function isPartOfAnotherName(matcher: Matcher, scan: TokenScan, first: number, last: number): boolean {
  const after = scan.neighbour(last, 1);
  const before = scan.neighbour(first, -1);
  const joined =
    (isCapitalised(after) && !isNameHead(after!)) ||
    (isCapitalised(before) && !isPersonTitle(before!) && !isSentenceStarter(before!) && !isPlaceWord(matcher, scan, first - 1));
  // Capitals prove nothing in a Title Case headline (asked last: it reads the whole passage).
  return joined && !scan.isTitleCase();
}

/** Whether the word at `token` is on its own the name of a place in the index ("Afghanistan"). */
function isPlaceWord(matcher: Matcher, scan: TokenScan, token: number): boolean {
  const entry = scan.firstWordEntry(token);
  if (entry === 0) return false;
  const { candidates, aliases, entities } = matcher.index;
  return matcher.singleWord[entry - 1]!.some((candidate) =>
    candidates[candidate]!.aliases.some((aliasIndex) => entities[aliases[aliasIndex]!.entity]!.type === 'place'),
  );
}

/** The name is the tail of a hyphenated compound: "<word>-i-<name>", "<word>-ul-<name>". */
function endsCompoundName(scan: TokenScan, first: number): boolean {
  return scan.hyphenBefore(first) && scan.hyphenBefore(first - 1) && isCompoundJoiner(scan.cased(first - 1));
}

/** The last of up to `most` capitalised words that follow `last`, each after a plain space. */
function capitalisedRunEnd(scan: TokenScan, last: number, most: number): number {
  let end = last;
  while (end - last < most && isCapitalised(scan.neighbour(end, 1))) end++;
  return end;
}

/**
 * "Kunar River", "Afghanistan Regional Monitor": capitalised words ending in a head noun follow.
 * Not where the head noun starts a name of its own: "the Biden State Department".
 */
function startsLongerName(matcher: Matcher, scan: TokenScan, last: number): boolean {
  for (let token = last, step = 0; step < 3; step++) {
    const next = scan.neighbour(token, 1);
    if (!isCapitalised(next)) return false;
    if (isNameHead(next!)) return !scan.isTitleCase() && !startsKnownName(matcher, scan, token + 1);
    token++;
  }
  return false;
}

/** Whether the words at `token` and after it are the first two of a name in the index. */
function startsKnownName(matcher: Matcher, scan: TokenScan, token: number): boolean {
  const entry = scan.firstWordEntry(token);
  if (entry === 0 || !scan.has(token + 1)) return false;
  return matcher.byFirstPair.has(pairKey(matcher.firstWordHashes[entry - 1]!, scan.tokenHash(token + 1)));
}

/**
 * For each candidate name, the aliases of "<name> Province" when the dataset has one (the city of
 * Herat and Herat Province), else undefined. Kept per matcher, built on first use.
 */
const provinceTwinsByMatcher = new WeakMap<Matcher, (number[] | undefined)[]>();

function provinceTwins(matcher: Matcher): (number[] | undefined)[] {
  let twins = provinceTwinsByMatcher.get(matcher);
  if (!twins) {
    const byBase = new Map<string, number[]>();
    matcher.index.aliases.forEach((alias, aliasIndex) => {
      if (!alias.key.endsWith(' province')) return;
      const base = alias.key.slice(0, -' province'.length);
      byBase.set(base, [...(byBase.get(base) ?? []), aliasIndex]);
    });
    twins = matcher.index.candidates.map((candidate) => (candidate.stop ? undefined : byBase.get(candidate.words.join(' '))));
    provinceTwinsByMatcher.set(matcher, twins);
  }
  return twins;
}

/** Capitalised names in a list: ", Paktia and Paktika", " and Nangarhar". */
const LISTED_NAMES = String.raw`(?:,? (?:and )?\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?)+`;
/**
 * Right after the name: "Khost province", "Khost, Paktia and Paktika provinces". A list needs the
 * plural: in "safe houses in Kabul and Herat province" only Herat is called a province.
 */
const PROVINCE_AFTER = new RegExp(String.raw`(?: [Pp]rovinces?|${LISTED_NAMES},? (?:and )?[Pp]rovinces)(?![\p{L}\p{N}])`, 'uy');
/** Right before the name: "the province of Herat", "the provinces of Khost and ". */
const PROVINCE_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])[Pp]rovinces? of (?:\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?,? (?:and )?)*$`, 'u');

/**
 * A governor governs a province: "the governor of Kandahar", "Ghazni's governor", "the Kandahar
 * governor". ASCII classes only: V8 may drop a regular expression's compiled code at any GC, and
 * one with Unicode property classes is dear to compile again.
 */
const GOVERNOR_BEFORE = /(?<![A-Za-z0-9])[Gg]overnor(?:ship)? (?:of|for) $/;
const GOVERNOR_AFTER = /(?:['’]s)? (?:provincial |deputy )?[Gg]overnor(?![A-Za-z0-9])/y;

function isCalledProvince(text: string, start: number, end: number): boolean {
  PROVINCE_AFTER.lastIndex = end;
  if (PROVINCE_AFTER.test(text) || PROVINCE_BEFORE.test(text.slice(Math.max(0, start - 120), start))) return true;
  GOVERNOR_AFTER.lastIndex = end;
  return GOVERNOR_AFTER.test(text) || GOVERNOR_BEFORE.test(text.slice(Math.max(0, start - 20), start));
}

/** Up to three capitalised words right after a name that ends in a dot ("U.S. Military Academy"). */
const CAPITALISED_AFTER = / (\p{Lu}[\p{L}'’-]*)(?: (\p{Lu}[\p{L}'’-]*))?(?: (\p{Lu}[\p{L}'’-]*))?/uy;

function headsLongerNameAfter(text: string, end: number): boolean {
  CAPITALISED_AFTER.lastIndex = end;
  const words = CAPITALISED_AFTER.exec(text);
  return words !== null && words.slice(1).some((word) => word !== undefined && isNameHead(word));
}

/** Whether every one of the aliases is the short form of a person (not necessarily the same one). */
function areAllPeoplesShortForms(matcher: Matcher, aliasIndexes: readonly number[]): boolean {
  const { aliases, entities } = matcher.index;
  for (const aliasIndex of aliasIndexes) {
    const alias = aliases[aliasIndex]!;
    if (!isShortForm(alias) || entities[alias.entity]!.type !== 'person') return false;
  }
  return true;
}

/** The one person all of `fitting` name, or -1. */
function onePerson(matcher: Matcher, fitting: readonly number[]): number {
  const entity = matcher.index.aliases[fitting[0]!]!.entity;
  if (matcher.index.entities[entity]!.type !== 'person') return -1;
  return fitting.every((aliasIndex) => matcher.index.aliases[aliasIndex]!.entity === entity) ? entity : -1;
}

/**
 * "Mullah Hibatullah Akhundzada" where the dataset lists "Mullah Hibatullah" and the surname
 * "Akhundzada" apart: the surname right after a person's name is the same person's, not the start
 * of someone else's name.
 */
function ownSurnameFollows(matcher: Matcher, scan: TokenScan, last: number, fitting: readonly number[]): boolean {
  if (scan.neighbour(last, 1) === undefined) return false;
  const entry = scan.firstWordEntry(last + 1);
  if (entry === 0) return false;
  const person = onePerson(matcher, fitting);
  if (person < 0) return false;
  for (const candidateIndex of matcher.singleWord[entry - 1]!) {
    for (const aliasIndex of matcher.index.candidates[candidateIndex]!.aliases) {
      const alias = matcher.index.aliases[aliasIndex]!;
      if (alias.entity === person && isShortForm(alias) && meetsCaseRule(matcher, scan, aliasIndex, last + 1, last + 1)) return true;
    }
  }
  return false;
}

interface Attempt {
  /** The last token the attempt used up: scanning resumes after it. */
  last: number;
  match?: TextMatch;
}

/**
 * Tries the names starting at token 0 of `scan`, longest first. Undefined when none starts there;
 * otherwise the tokens used up, with the match unless the words belong to something else.
 */
function attemptAt(matcher: Matcher, scan: TokenScan, first: number): Attempt | undefined {
  const entry = scan.firstWordEntry(first);
  if (entry === 0) return undefined;
  const { aliases, candidates } = matcher.index;
  const longer = scan.has(first + 1) ? matcher.byFirstPair.get(pairKey(matcher.firstWordHashes[entry - 1]!, scan.tokenHash(first + 1))) : undefined;
  let bestLast = -1;
  let bestCandidate = -1;
  let bestAliases: number[] | undefined;
  let bestShadows: number[] | undefined;
  // Longest first: names of two words or more by their first two words, then the one-word names.
  const singles = matcher.singleWord[entry - 1]!;
  const longerCount = longer?.length ?? 0;
  for (let n = 0; n < longerCount + singles.length; n++) {
    const candidateIndex = n < longerCount ? longer![n]! : singles[n - longerCount]!;
    const candidate = candidates[candidateIndex]!;
    const last = first + candidate.words.length - 1;
    // Once something fits, only candidates as long can join it.
    if (last < bestLast) break;
    if (!scan.has(last)) continue;
    let joined = true;
    for (let k = 1; k < candidate.words.length; k++) {
      if (!scan.tokenIs(first + k, candidate.words[k]!) || scan.gapKind(first + k) === -1) {
        joined = false;
        break;
      }
    }
    if (!joined) continue;
    if (candidate.stop) {
      bestLast = last;
      bestAliases = bestShadows = undefined;
      continue;
    }
    let fitting: number[] | undefined;
    let shadows: number[] | undefined;
    for (const aliasIndex of candidate.aliases) {
      const alias = aliases[aliasIndex]!;
      if (
        !gapsMatch(alias, scan, first, last) ||
        !meetsCaseRule(matcher, scan, aliasIndex, first, last) ||
        (alias.notSentenceStart && (scan.startsSentence(first) || scan.isTitleCase()))
      ) {
        continue;
      }
      if (mayBePartOfAnotherName(matcher, alias) && isPartOfAnotherName(matcher, scan, first, last)) (shadows ??= []).push(aliasIndex);
      else (fitting ??= []).push(aliasIndex);
    }
    if (fitting || shadows) {
      bestLast = last;
      bestCandidate = candidateIndex;
      bestAliases = fitting;
      bestShadows = shadows;
    }
  }
  if (bestLast < 0) return undefined;
  if (bestAliases && ownSurnameFollows(matcher, scan, bestLast, bestAliases)) bestLast++;
  // "the Mehsud tribe": a surname that names a tribe there is nobody's short form.
  if (bestAliases && areAllPeoplesShortForms(matcher, bestAliases) && isKinGroupNoun(scan.neighbour(bestLast, 1) ?? '')) {
    return { last: bestLast };
  }
  // "Tehreek-i-Taliban Pakistan" under a spelling the dataset lacks: neither "Taliban" nor "Pakistan" is meant.
  if (endsCompoundName(scan, first)) return { last: capitalisedRunEnd(scan, bestLast, 2) };
  // A stop phrase, or "Kunar River", "Kabul Bank": the words are the start of a longer name of something else.
  if ((!bestAliases && !bestShadows) || startsLongerName(matcher, scan, bestLast)) return { last: bestLast };
  const start = scan.originalStart(first);
  let end = scan.originalEnd(bestLast);
  const endWithDot = scan.endOfDotAfter(bestLast);
  if (endWithDot >= 0 && bestAliases?.some((a) => aliases[a]!.trailingDot)) {
    end = endWithDot;
    // "U.S. Geological Survey": the dot hid the capitalised words that go on from the name.
    if (headsLongerNameAfter(scan.original, end) && !scan.isTitleCase()) return { last: bestLast };
  }
  if (isInsideAddress(scan.original, start, end)) return { last: bestLast };
  const match: TextMatch = { start, end, aliases: bestAliases ?? [] };
  const twins = bestAliases ? provinceTwins(matcher)[bestCandidate] : undefined;
  if (twins && isCalledProvince(scan.original, start, end)) {
    match.aliases = twins;
    match.asProvince = true;
  }
  const before = scan.neighbour(first, -1);
  if (before !== undefined && isPersonTitle(before)) match.titled = true;
  else if (namesSeveral(matcher, match.aliases) && isPlaceCue(scan, first, bestLast, before) && !isPossessiveAt(scan.original, end)) {
    match.located = true;
  }
  if (bestShadows) match.shadows = bestShadows;
  return { last: bestLast, match };
}

/**
 * One scan of each kind, reused for every passage (they share scratch buffers anyway). A scan that
 * outlives the call also keeps its hidden class alive: when each scan died with its call, a GC
 * could drop the class, and V8 then discarded all the optimised matcher code that embedded it
 * (deopt reason "embedded weak objects cleared"). Matching ran 2-4x slower after most GCs.
 */
const foldedScan = new FoldedScan();
const plainScan = new PlainScan();

/** Every token of a folded passage in turn: the reading for any text. */
export function findMatchesFolded(matcher: Matcher, text: string): TextMatch[] {
  const scan = foldedScan.read(text, matcher);
  const matches: TextMatch[] = [];
  for (let first = 0; first < scan.tokenCount; first++) {
    const attempt = attemptAt(matcher, scan, first);
    if (!attempt) continue;
    if (attempt.match) matches.push(attempt.match);
    first = attempt.last;
  }
  return matches;
}

/** Words with a capital or a digit, found natively: the only places most names can start near. */
const CAPITAL_OR_DIGIT = /[A-Z0-9]/g;

type Anchor = Matcher['lowerCaseAnchors'][number];
const anchorSearches = new WeakMap<Matcher, { pattern: RegExp; byNeedle: Map<string, Anchor[]> }>();

/** One native search for every anchor at once, from each word's rarest letter (see LowerCaseAnchor). */
function anchorSearch(matcher: Matcher) {
  let search = anchorSearches.get(matcher);
  if (!search) {
    const byNeedle = new Map<string, Anchor[]>();
    for (const anchor of matcher.lowerCaseAnchors) {
      const needle = anchor.word.slice(anchor.needleAt);
      byNeedle.set(needle, [...(byNeedle.get(needle) ?? []), anchor]);
    }
    // Needles are plain folded words ([a-z0-9]), safe in a pattern as they are.
    const needles = [...byNeedle.keys()];
    search = { pattern: new RegExp(needles.length > 0 ? needles.join('|') : '(?!)', 'g'), byNeedle };
    anchorSearches.set(matcher, search);
  }
  return search;
}

/**
 * Where names that need no capital could start: each anchor word written in lower case, stepped
 * back to the word the name starts with. Sorted, without repeats.
 */
function lowerCaseStarts(matcher: Matcher, text: string): number[] {
  const starts: number[] = [];
  const { pattern, byNeedle } = anchorSearch(matcher);
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    pattern.lastIndex = found.index + 1;
    for (const { word, offsets, needleAt } of byNeedle.get(found[0])!) {
      const at = found.index - needleAt;
      if (at < 0 || !text.startsWith(word, at) || (at > 0 && isWordAt(text, at - 1)) || isWordAt(text, at + word.length)) continue;
      for (const offset of offsets) {
        let start = at;
        for (let step = 0; step < offset && start >= 0; step++) {
          let i = start;
          while (i > 0 && !isWordAt(text, i - 1)) i--;
          start = i > 0 ? wordStartAt(text, i - 1) : -1;
        }
        if (start >= 0) starts.push(start);
      }
    }
  }
  return starts.length > 1 ? [...new Set(starts)].sort((a, b) => a - b) : starts;
}

/**
 * A plain passage read only near capitals and digits (see plainScan.ts), with the same attempts in
 * the same order as findMatchesFolded makes at the words that can start a name.
 */
export function findMatchesPlain(matcher: Matcher, text: string): TextMatch[] {
  const scan = plainScan.read(text, matcher);
  const matches: TextMatch[] = [];
  const anchored = lowerCaseStarts(matcher, text);
  let nextAnchored = 0;
  /** Words starting before this were tried already, or used up by a match. */
  let resumeAt = 0;
  const attempt = (start: number, end = wordEndAt(text, start), entry?: number) => {
    if (start < resumeAt) return;
    if (entry === 0) {
      resumeAt = end;
      return;
    }
    scan.focus(start, end, entry);
    const result = attemptAt(matcher, scan, 0);
    if (!result) {
      resumeAt = end;
      return;
    }
    if (result.match) matches.push(result.match);
    resumeAt = scan.originalEnd(result.last);
  };
  const attemptAnchoredBefore = (position: number) => {
    while (nextAnchored < anchored.length && anchored[nextAnchored]! < position) attempt(anchored[nextAnchored++]!);
  };
  const leads: number[] = [];
  let leadCount = 0;
  CAPITAL_OR_DIGIT.lastIndex = 0;
  while (CAPITAL_OR_DIGIT.test(text)) {
    const wordStart = wordStartAt(text, CAPITAL_OR_DIGIT.lastIndex - 1);
    if (wordStart < resumeAt) {
      CAPITAL_OR_DIGIT.lastIndex = Math.max(CAPITAL_OR_DIGIT.lastIndex, resumeAt);
      continue;
    }
    // Lower-case words just before that can start a name whose first capital is this word.
    leadCount = 0;
    const wordEnd = wordEndAt(text, wordStart);
    const hash = plainWordHash(text, wordStart, wordEnd);
    const distances = matcher.leadsByHash.get(hash) ?? 0;
    let from = wordStart;
    for (let distance = 1; distances >> distance !== 0; distance++) {
      let gapStart = from;
      while (gapStart > 0 && !isWordAt(text, gapStart - 1)) gapStart--;
      if (gapStart === 0) break;
      const leadStart = wordStartAt(text, gapStart - 1);
      if (leadStart < resumeAt || plainGapKind(text, gapStart, from) === -1) break;
      if ((distances >> distance) & 1) {
        const entry = firstWordOf(matcher, text, leadStart, gapStart);
        if (entry > 0 && matcher.startsInLowerCase[entry - 1] === 1) leads[leadCount++] = leadStart;
      }
      from = leadStart;
    }
    for (let i = leadCount - 1; i >= 0; i--) {
      attemptAnchoredBefore(leads[i]!);
      attempt(leads[i]!);
    }
    attemptAnchoredBefore(wordStart);
    attempt(wordStart, wordEnd, firstWordByHash(matcher, hash, text, wordStart, wordEnd));
    CAPITAL_OR_DIGIT.lastIndex = Math.max(wordEnd, resumeAt);
  }
  attemptAnchoredBefore(Infinity);
  return matches;
}

/** Finds every name of the index in `text`: longest match wins, then scanning resumes after it. */
export function findMatches(matcher: Matcher, text: string): TextMatch[] {
  const matches = isPlainPassage(text) ? findMatchesPlain(matcher, text) : findMatchesFolded(matcher, text);
  return mayHoldCredits(text) ? withoutCreditedPeople(matcher, text, matches) : matches;
}

/**
 * Credits name the journalists and photographers, not the people in the story: "(Reporting by
 * Mohammad Yunus Yawar; Writing by Sharif Hassan)", "Aref Karimi/AFP via Getty Images", a
 * tweet's "— Natalie Amiri (@NatalieAmiri)". A credit opens a line, a bracket, a sentence or a
 * clause after ";" ("according to reporting by …" is prose), and runs over the capitalised names.
 */
const CREDIT = /(?<=^|[(;\n]|[.!?] ) *(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]hotos?|[Pp]hotographs?|[Vv]ideo) by(?:,? (?:and |in )?\p{Lu}(?:[\p{L}'’-]+|\.))+|\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,3}(?:\/(?:AFP|AP|Reuters|Getty|EPA|Xinhua|Anadolu)\b| \(@)/gu;

/** The agency after a photographer's name and its slash. */
const CREDIT_AGENCY = /^(?:AFP|AP|Reuters|Getty|EPA|Xinhua|Anadolu)\b/;
/** The word a credit puts before "by". */
const CREDIT_WORD = /(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]hotos?|[Pp]hotographs?|[Vv]ideo)$/;

/**
 * Whether a passage may hold a credit, asked with native string searches: the full pattern is
 * costly to run over every passage, and "by" is in a passage of news in four.
 */
function mayHoldCredits(text: string): boolean {
  if (text.includes('(@')) return true;
  for (let at = text.indexOf('/'); at >= 0; at = text.indexOf('/', at + 1)) {
    if (CREDIT_AGENCY.test(text.slice(at + 1, at + 9))) return true;
  }
  for (let at = text.indexOf(' by '); at >= 0; at = text.indexOf(' by ', at + 4)) {
    if (CREDIT_WORD.test(text.slice(Math.max(0, at - 12), at))) return true;
  }
  return false;
}

function withoutCreditedPeople(matcher: Matcher, text: string, matches: TextMatch[]): TextMatch[] {
  const { aliases, entities } = matcher.index;
  const credits: [number, number][] = [];
  CREDIT.lastIndex = 0;
  for (let found = CREDIT.exec(text); found; found = CREDIT.exec(text)) credits.push([found.index, found.index + found[0].length]);
  if (credits.length === 0) return matches;
  const isPerson = (aliasIndex: number) => entities[aliases[aliasIndex]!.entity]!.type === 'person';
  // A name there that can be a person is one: "Hamid Karzai" in a credit is no airport.
  return matches.filter(
    (match) =>
      !credits.some(([start, end]) => match.start < end && match.end > start) ||
      !(match.aliases.some(isPerson) || match.shadows?.some(isPerson)),
  );
}
