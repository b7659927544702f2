import { describe, expect, it } from 'vitest';
import { foldForMatching, normalizeWithOffsets, originalEndOf } from '../../lib/matcher/normalize';

function originalOf(original: string, from: number, to: number): string {
  const normalized = normalizeWithOffsets(original);
  return original.slice(normalized.starts[from], originalEndOf(normalized, original, to - 1));
}

describe('normalizeWithOffsets', () => {
  it('folds case, accents, dashes and apostrophes', () => {
    expect(foldForMatching('Dasht‑e‑Barchi')).toBe('dasht-e-barchi');
    expect(foldForMatching('Khalil’s')).toBe("khalil's");
    expect(foldForMatching('Kābul — Hérat')).toBe('kabul - herat');
    expect(foldForMatching('ISIS–K')).toBe('isis-k');
  });

  it('drops soft hyphens and zero-width characters and collapses whitespace', () => {
    expect(foldForMatching('Nan\u00adgar\u200bhar')).toBe('nangarhar');
    expect(foldForMatching('Hamid\u00a0\n  Karzai')).toBe('hamid karzai');
  });

  it('drops accents and Arabic vowel marks but keeps the vowel signs of Indic scripts', () => {
    expect(foldForMatching('كَابُل')).toBe(foldForMatching('کابل'));
    expect(foldForMatching('भारत')).not.toBe(foldForMatching('भरत'));
  });

  it('folds Arabic-script letter variants that keyboards mix up', () => {
    expect(foldForMatching('كابل')).toBe(foldForMatching('کابل'));
    expect(foldForMatching('علي')).toBe(foldForMatching('علی'));
  });

  it('maps every normalised character back to its original characters', () => {
    const original = 'The Ka\u0301bul  air\u00adport';
    const { text } = normalizeWithOffsets(original);
    const at = text.indexOf('kabul');
    expect(originalOf(original, at, at + 5)).toBe('Ka\u0301bul');
    const airport = text.indexOf('airport');
    expect(originalOf(original, airport, airport + 7)).toBe('air\u00adport');
  });

  it('keeps offsets right when a character expands (ligatures) or is astral', () => {
    const original = '𝐊abul ﬁghters';
    const { text } = normalizeWithOffsets(original);
    expect(text).toBe('kabul fighters');
    const at = text.indexOf('fighters');
    expect(originalOf(original, at, at + 8)).toBe('ﬁghters');
    expect(originalOf(original, 0, 5)).toBe('𝐊abul');
  });
});
