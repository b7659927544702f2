/**
 * Matching compares normalised text, but marks and offsets must point at the page's own characters,
 * so every normalised character remembers the original code point it came from.
 */
export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`, where its source code point starts in the original. */
  starts: Uint32Array;
}

/** Where the source code point of normalised unit `index` ends in the original. */
export function originalEndOf(normalized: NormalizedText, original: string, index: number): number {
  const start = normalized.starts[index]!;
  const unit = original.charCodeAt(start);
  return start + (unit >= 0xd800 && unit <= 0xdbff ? 2 : 1);
}

const REMOVED = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e]);
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/;
const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u02bb\u02b9\u2032\u00b4`\uff07]/;
const SPACE = /\s/;
/** Letters that Arabic, Persian and Urdu typing use interchangeably. */
const ARABIC_SCRIPT_VARIANTS: Record<string, string> = {
  'ي': 'ی',
  'ى': 'ی',
  'ئ': 'ی',
  'ك': 'ک',
  'ة': 'ه',
  'ۀ': 'ه',
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
};
/**
 * Accents and Arabic vowel marks, which readers and writers drop freely. Marks of Indic scripts are
 * letters in all but name (dropping them turns one word into another), so they stay.
 */
const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670\u06d6-\u06ed]/g;

const foldCache = new Map<number, string>();

/** Case-, accent- and compatibility-folds one code point; '' drops it, ' ' is a space. */
export function foldCodePoint(codePoint: number, char: string): string {
  if (codePoint < 0x80) {
    if (codePoint >= 0x41 && codePoint <= 0x5a) return String.fromCharCode(codePoint + 32);
    if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x0c) return ' ';
    if (codePoint === 0x60) return "'";
    return char;
  }
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  let folded: string;
  if (REMOVED.has(codePoint)) folded = '';
  else if (SPACE.test(char)) folded = ' ';
  else if (DASHES.test(char)) folded = '-';
  else if (APOSTROPHES.test(char)) folded = "'";
  else {
    folded = char.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC').toLowerCase();
    folded = ARABIC_SCRIPT_VARIANTS[folded] ?? folded;
  }
  foldCache.set(codePoint, folded);
  return folded;
}

/**
 * Where `foldInto` writes: the folded UTF-16 units and, for each, where its source code point
 * starts in the original. Reused from text to text, so a page's scan allocates nothing per passage.
 */
export interface FoldBuffers {
  codes: Uint16Array;
  starts: Uint32Array;
}

export function createFoldBuffers(size = 1024): FoldBuffers {
  return { codes: new Uint16Array(size), starts: new Uint32Array(size) };
}

function grow(buffers: FoldBuffers, needed: number, used: number): void {
  const size = Math.max(needed, buffers.codes.length * 2);
  const codes = new Uint16Array(size);
  codes.set(buffers.codes.subarray(0, used));
  const starts = new Uint32Array(size);
  starts.set(buffers.starts.subarray(0, used));
  buffers.codes = codes;
  buffers.starts = starts;
}

/**
 * Folds case, accents, dashes, apostrophes and spacing of `original` into `buffers` (grown when
 * too small) and returns how many units it wrote.
 */
export function foldInto(original: string, buffers: FoldBuffers): number {
  const length = original.length;
  // Output never outgrows input except where a character expands ('ﬁ' → 'fi'); only then can it grow.
  if (buffers.codes.length < length + 8) grow(buffers, length + 8, 0);
  let { codes, starts } = buffers;
  let outLength = 0;
  let lastWasSpace = true;

  for (let i = 0; i < length; ) {
    const unit = original.charCodeAt(i);
    if (unit < 0x80 && unit !== 0x60) {
      // ASCII: lower-case letters by arithmetic, collapse control whitespace, keep the rest.
      if (unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d || unit === 0x0c) {
        if (!lastWasSpace) {
          codes[outLength] = 0x20;
          starts[outLength++] = i;
        }
        lastWasSpace = true;
      } else {
        codes[outLength] = unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;
        starts[outLength++] = i;
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    const codePoint = original.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldCodePoint(codePoint, width === 1 ? original[i]! : original.slice(i, i + 2));
    if (outLength + folded.length + (length - i) > codes.length) {
      grow(buffers, (outLength + folded.length + (length - i)) * 2, outLength);
      ({ codes, starts } = buffers);
    }
    if (folded === ' ') {
      if (!lastWasSpace) {
        codes[outLength] = 0x20;
        starts[outLength++] = i;
      }
      lastWasSpace = true;
    } else if (folded !== '') {
      for (let k = 0; k < folded.length; k++) {
        codes[outLength] = folded.charCodeAt(k);
        starts[outLength++] = i;
      }
      lastWasSpace = false;
    }
    i += width;
  }
  return outLength;
}

/** Folds case, accents, dashes, apostrophes and spacing; see `NormalizedText` for the offsets. */
export function normalizeWithOffsets(original: string): NormalizedText {
  const buffers = createFoldBuffers(original.length + 8);
  const length = foldInto(original, buffers);
  return { text: codesToString(buffers.codes, length), starts: buffers.starts.subarray(0, length) };
}

// Decoding the code units natively beats building the string from them in JavaScript.
const UTF16 = new TextDecoder('utf-16le');

function codesToString(codes: Uint16Array, length: number): string {
  return UTF16.decode(codes.subarray(0, length));
}

/** The matching form of a string when offsets are not needed (aliases, queries). */
export function foldForMatching(text: string): string {
  return normalizeWithOffsets(text).text.trim();
}

/** Diacritics and compatibility forms folded but case kept, for case rules. */
export function foldKeepingCase(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC');
}
