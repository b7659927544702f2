import { foldForMatching, foldKeepingCase } from './normalize';

/**
 * Names are compared token by token, so "Dasht-e Barchi" and "Dasht-e-Barchi" are one name, while
 * what separates two tokens still matters: "U.S." needs its dots and "Kabul. University" is two
 * sentences, not a place.
 */
export const GapKind = { Plain: 0, Apostrophe: 1, Dot: 2, Slash: 3 } as const;
export type GapKind = (typeof GapKind)[keyof typeof GapKind];

export const WORD = /[\p{L}\p{N}]+/gu;
const VALID_GAP = /^ ?(?:\.-|[-'./])? ?$/;

/** What separates two tokens of a name in running text, or -1 where they cannot be one name. */
export function classifyGap(gap: string): GapKind | -1 {
  if (gap.length === 0 || gap.length > 3 || !VALID_GAP.test(gap)) return -1;
  if (gap.includes('/')) return GapKind.Slash;
  if (gap.includes('.')) return GapKind.Dot;
  if (gap.includes("'")) return GapKind.Apostrophe;
  return GapKind.Plain;
}

export interface AliasPattern {
  /** Folded tokens, joined by single spaces: the key names are looked up by. */
  key: string;
  /** One digit per gap between tokens (see GapKind), or '' when every gap is plain. */
  gaps: string;
  /** The tokens with their capitals kept, for the case rules. */
  forms: string;
  /** The alias ends in a dot that belongs to it ("U.S."). */
  trailingDot: boolean;
}

export function aliasPattern(text: string): AliasPattern | null {
  const folded = foldForMatching(text);
  const cased = foldKeepingCase(text);
  const tokens: string[] = [];
  const gapKinds: number[] = [];
  let lastEnd = -1;
  for (const match of folded.matchAll(WORD)) {
    if (lastEnd >= 0) {
      const kind = classifyGap(folded.slice(lastEnd, match.index));
      gapKinds.push(kind === -1 ? GapKind.Plain : kind);
    }
    tokens.push(match[0]);
    lastEnd = match.index + match[0].length;
  }
  if (tokens.length === 0) return null;
  const forms = [...cased.matchAll(WORD)].map((m) => m[0]);
  return {
    key: tokens.join(' '),
    gaps: gapKinds.some((kind) => kind !== GapKind.Plain) ? gapKinds.join('') : '',
    // Folding can split or join tokens (ligatures, dotted capitals); then case rules fall back to the key.
    forms: forms.length === tokens.length ? forms.join(' ') : tokens.join(' '),
    trailingDot: folded.endsWith('.'),
  };
}
