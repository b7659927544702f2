import { buildMatcher, findMatches } from '../../lib/matcher/findMatches';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formsOf } from '../../lib/dataset/aliasRules';
import { compileDataset } from '../../lib/dataset/compileDataset';
import { validateDataset } from '../../lib/dataset/validateDataset';
import { entity } from './tinyDataset';

const ENTITIES_DIR = join(import.meta.dirname, '..', '..', 'data', 'entities');

describe('the bundled dataset', () => {
  const files = readdirSync(ENTITIES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ file: name, records: JSON.parse(readFileSync(join(ENTITIES_DIR, name), 'utf8')) as unknown }));
  const report = validateDataset(files);

  it('passes every check: schema, unique ids, relations, alias clashes, coordinates', () => {
    expect(report.errors).toEqual([]);
  });

  it('cites an http(s) source for every entity and keeps descriptions to one line', () => {
    expect(report.entities.length).toBeGreaterThan(0);
    for (const record of report.entities) {
      expect(record.sources.length, record.id).toBeGreaterThan(0);
      for (const source of record.sources) expect(source.url, record.id).toMatch(/^https?:\/\//);
      expect(record.description.length, record.id).toBeLessThanOrEqual(90);
      expect(record.description, record.id).not.toMatch(/\.$/);
    }
  });

  it('has every name of the reference article', () => {
    const ids = new Set(report.entities.map((record) => record.id));
    for (const id of ['isis-k', 'taliban', 'islamic-state', 'hamid-karzai-international-airport', 'kabul', 'dasht-e-barchi',
      'dasht-e-barchi-hospital', 'jalalabad', 'kabul-university', 'lydia-khalil', 'lowy-institute', 'unama', 'un-security-council',
      'nangarhar-province', 'kunar-province', 'ashraf-ghani', 'ahmad-ali-hazrat', 'joe-biden', 'tehrik-i-taliban-pakistan',
      'islamic-movement-of-uzbekistan', 'islamic-emirate-of-afghanistan', '2020-kabul-maternity-ward-attack', '2021-kabul-airport-bombing']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

describe('validateDataset', () => {
  const ok = entity('kabul', 'place', 'Kabul');

  it('names file, record and field of a schema error', () => {
    const { errors } = validateDataset([{ file: 'bad.json', records: [{ ...ok, type: 'city' }] }]);
    expect(errors).toEqual(['bad.json › kabul (record 1) › type: must be person, organization, place or event']);
    const noSource = validateDataset([{ file: 'bad.json', records: [{ ...ok, sources: [] }] }]);
    expect(noSource.errors[0]).toMatch(/kabul \(record 1\) › sources: needs at least one source/);
    const ftp = validateDataset([{ file: 'bad.json', records: [{ ...ok, sources: [{ ...ok.sources[0]!, url: 'ftp://x.org/a' }] }] }]);
    expect(ftp.errors[0]).toMatch(/sources\[0\]\.url: must be an http\(s\) URL/);
  });

  it('rejects duplicate ids, dangling relations and unmarked shared aliases', () => {
    const dup = validateDataset([{ file: 'a.json', records: [ok, ok] }]);
    expect(dup.errors[0]).toMatch(/kabul \(record 2\) › id: duplicate id/);
    const dangling = validateDataset([{ file: 'a.json', records: [{ ...ok, related: [{ id: 'nowhere', relation: 'located-in' }] }] }]);
    expect(dangling.errors[0]).toMatch(/related\[0\]\.id: no entity has the id "nowhere"/);
    const clash = validateDataset([{ file: 'a.json', records: [ok, entity('kabul-province', 'place', 'Kabul Province', ['Kabul'])] }]);
    expect(clash.errors.some((error) => error.includes('"kabul" is also claimed'))).toBe(true);
  });

  it('catches coordinates outside the country they claim', () => {
    const swapped = validateDataset([{ file: 'a.json', records: [{ ...ok, location: { lat: 69.2, lon: 34.5, country: 'AF' } }] }]);
    expect(swapped.errors[0]).toMatch(/location: 69.2, 34.5 lies outside AF/);
  });

  it('indexes the other usual spellings of Mohammad, Ahmad and Hasan in people\'s names, never over another alias', () => {
    const report = validateDataset([
      {
        file: 'a.json',
        records: [
          ok,
          entity('mohammad-hasan-akhund', 'person', 'Mohammad Hasan Akhund'),
          entity('muhammad-hassan', 'person', 'Muhammad Hassan'),
          entity('ahmad-shah-massoud', 'person', 'Ahmad Shah Massoud', [{ text: 'Massoud', requires: 'fullName' }]),
          entity('ahmad-shah', 'place', 'Ahmad Shah'),
          entity('mullah-omar', 'person', 'Mullah Omar'),
        ],
      },
    ]);
    expect(report.errors).toEqual([]);
    const { nameIndex } = compileDataset(report.entities);
    const entityOf = (key: string) => nameIndex.aliases.filter((alias) => alias.key === key).map((alias) => nameIndex.entities[alias.entity]!.id);
    expect(entityOf('muhammad hassan akhund')).toEqual(['mohammad-hasan-akhund']);
    expect(entityOf('mohammed hasan akhund')).toEqual(['mohammad-hasan-akhund']);
    expect(entityOf('ahmed shah massoud')).toEqual(['ahmad-shah-massoud']);
    expect(entityOf('mulla omar')).toEqual(['mullah-omar']);
    // Another person's own name is never given away, and places keep their one spelling.
    expect(entityOf('muhammad hassan')).toEqual(['muhammad-hassan']);
    expect(entityOf('ahmed shah')).toEqual([]);
    const variant = nameIndex.aliases.find((alias) => alias.key === 'muhammad hassan akhund')!;
    expect(formsOf(variant)).toBe('Muhammad Hassan Akhund');
    expect(variant.isName).toBeUndefined();
  });

  it('also indexes US, UN, UK and EU before further words with dots, so "U.S. forces" is found', () => {
    const report = validateDataset([
      {
        file: 'a.json',
        records: [
          ok,
          entity('united-states', 'place', 'United States', ['U.S.', { text: 'US', case: 'exact' }]),
          entity('us-armed-forces', 'organization', 'United States Armed Forces', ['US forces', 'US military']),
          entity('doha-agreement', 'event', 'Doha Agreement', ['US-Taliban deal']),
          entity('unama', 'organization', 'United Nations Assistance Mission in Afghanistan', ['UN Assistance Mission in Afghanistan']),
        ],
      },
    ]);
    expect(report.errors).toEqual([]);
    const matcher = buildMatcher(compileDataset(report.entities).nameIndex);
    const linked = (text: string) =>
      findMatches(matcher, text).map((match) => [
        text.slice(match.start, match.end),
        matcher.index.entities[matcher.index.aliases[match.aliases[0]!]!.entity]!.id,
      ]);
    expect(linked('U.S. forces left; the U.N. Assistance Mission in Afghanistan stayed. U.S. officials agreed.')).toEqual([
      ['U.S. forces', 'us-armed-forces'],
      ['U.N. Assistance Mission in Afghanistan', 'unama'],
      ['U.S.', 'united-states'],
    ]);
    expect(linked('the U.S.-Taliban deal of 2020')).toEqual([['U.S.-Taliban deal', 'doha-agreement']]);
    // The dots must be there: "U S forces" or "U.S forces" are not the name.
    expect(linked('U S forces').map(([text]) => text)).toEqual([]);
  });

  it('also indexes a city\'s names with "City" after them, and only with the capital', () => {
    const report = validateDataset([
      {
        file: 'a.json',
        records: [
          ok,
          entity('kunduz', 'place', 'Kunduz', [{ text: 'Kunduz', ambiguous: true }], { subtype: 'city', location: { lat: 36.73, lon: 68.86, country: 'AF' } }),
          entity('kunduz-province', 'place', 'Kunduz Province', [{ text: 'Kunduz', ambiguous: true }], { subtype: 'province', location: { lat: 36.7, lon: 68.8, country: 'AF' } }),
          entity('kunduz-university', 'organization', 'Kunduz University'),
        ],
      },
    ]);
    expect(report.errors).toEqual([]);
    const matcher = buildMatcher(compileDataset(report.entities).nameIndex);
    const linked = (text: string) =>
      findMatches(matcher, text).map((match) => [
        text.slice(match.start, match.end),
        match.aliases.map((alias) => matcher.index.entities[matcher.index.aliases[alias]!.entity]!.id).join(' '),
      ]);
    expect(linked('A blast in Kunduz City; calm in Kunduz city; Kunduz University shut.')).toEqual([
      ['Kunduz City', 'kunduz'],
      ['Kunduz', 'kunduz kunduz-province'],
      ['Kunduz University', 'kunduz-university'],
    ]);
    expect(compileDataset(report.entities).nameIndex.aliases.filter((alias) => alias.key.endsWith(' city'))).toHaveLength(1);
  });

  it('completes relations in both directions when compiling', () => {
    const report = validateDataset([{ file: 'a.json', records: [ok, entity('kabul-university', 'organization', 'Kabul University', [], { related: [{ id: 'kabul', relation: 'located-in' }] })] }]);
    const { records } = compileDataset(report.entities);
    expect(records.find((r) => r.id === 'kabul')!.related).toEqual([{ id: 'kabul-university', relation: 'location-of' }]);
  });
});
