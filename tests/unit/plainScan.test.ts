import { describe, expect, it } from 'vitest';
import { buildMatcher, findMatches, findMatchesFolded, findMatchesPlain } from '../../lib/matcher/findMatches';
import { isPlainPassage } from '../../lib/matcher/plainScan';
import { seededRandom } from '../../scripts/bench/stats';
import { readGeneratedNameIndex, readGeneratedRecords } from '../../scripts/generatedDataset';

/**
 * The capitals-first reading of plain passages is an optimisation: on any plain passage it must find
 * exactly what the folded reading of every token finds. Random passages built from the shipped
 * dataset's names in every case, glued with the words and punctuation that trip the rules.
 */
const matcher = buildMatcher(readGeneratedNameIndex());
const names = readGeneratedRecords()
  .flatMap((record) => [record.name, ...record.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.text))])
  .filter(isPlainPassage);

const FILLERS = [
  'the', 'The', 'of', 'in', 'and', 'said', 'on', 'a', 'an', 'al', 'bin', 'fall', 'first', 'second', 'new', 'latin',
  'end', 'ban', 'women', 'university', 'vice', 'virtue', 'school', 'girls', 'President', 'Mr', 'former', 'River',
  'Bank', 'Valley', 'University', 'Kabul', 'WHAT', 'IS', 'NEXT', 'us', 'US', 'www.example.com', 'mail@example.org',
  'http://news.example.af/kabul', '2021', '9', '11', 'Then', 'Taliban', 'haqqani', 'Khalil', 'Rahimi', 'and', 'for',
  'Tehreek-i', 'Jamiat-ul', 'e', 'i', 'ul', 'Pakistan',
];
const GAPS = [' ', ' ', ' ', '  ', '\n', ' - ', '-', '’s ', "'s ", ', ', '. ', ': ', ' (', ') ', '“', '” ', ' — ', '\u00a0', '/', '.', ' \t '];

function casing(random: () => number, text: string): string {
  const roll = random();
  if (roll < 0.6) return text;
  if (roll < 0.75) return text.toLowerCase();
  if (roll < 0.85) return text.toUpperCase();
  return text.replace(/\b\w/g, (letter) => letter.toUpperCase());
}

function passage(random: () => number): string {
  const parts: string[] = [];
  const pieces = 3 + Math.floor(random() * 14);
  for (let i = 0; i < pieces; i++) {
    const pool = random() < 0.45 ? names : FILLERS;
    parts.push(casing(random, pool[Math.floor(random() * pool.length)]!));
    parts.push(GAPS[Math.floor(random() * GAPS.length)]!);
  }
  return parts.join('');
}

describe('plain passages', () => {
  it('are told apart from those that need folding', () => {
    expect(isPlainPassage('The Taliban’s “envoy” — in Kabul\u00a0today')).toBe(true);
    expect(isPlainPassage('Médecins Sans Frontières')).toBe(false);
    expect(isPlainPassage('Nan\u00adgarhar')).toBe(false);
    expect(isPlainPassage('Kabul…')).toBe(false);
    expect(isPlainPassage('کابل')).toBe(false);
  });

  it('find exactly what the folded reading finds, on 3,000 random plain passages', () => {
    const random = seededRandom(2026);
    let compared = 0;
    let matched = 0;
    for (let i = 0; i < 3_000; i++) {
      const text = passage(random);
      if (!isPlainPassage(text)) continue;
      const folded = findMatchesFolded(matcher, text);
      expect(findMatchesPlain(matcher, text), text).toEqual(folded);
      compared++;
      matched += folded.length;
    }
    expect(compared).toBeGreaterThan(2_500);
    expect(matched).toBeGreaterThan(5_000);
  });

  it('are read the plain way by findMatches, others the folded way, with the same answers', () => {
    const text = 'Hamid Karzai met the Taliban in Kabul; later, al-Qaeda and bin Laden were named.';
    expect(findMatches(matcher, text)).toEqual(findMatchesFolded(matcher, text));
    const accented = 'Hamid Karzai flew to Hérat with Médecins Sans Frontières.';
    expect(findMatches(matcher, accented)).toEqual(findMatchesFolded(matcher, accented));
  });
});
