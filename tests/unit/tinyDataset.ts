import { compileDataset } from '../../lib/dataset/compileDataset';
import type { EntityInput } from '../../lib/dataset/schema';
import { validateDataset } from '../../lib/dataset/validateDataset';
import { buildMatcher } from '../../lib/matcher/findMatches';

/** Small hand-made records, so each matching rule can be tested on its own. */
export function entity(id: string, type: EntityInput['type'], name: string, aliases: EntityInput['aliases'] = [], extra: Partial<EntityInput> = {}): EntityInput {
  return {
    id,
    type,
    name,
    aliases,
    description: `${name}, for tests`,
    summary: `${name} is a record written for the unit tests of the matcher and resolver.`,
    sources: [{ title: name, publisher: 'Test', url: `https://example.org/${id}`, accessed: '2026-11-27' }],
    reviewed: '2026-11-27',
    ...(type === 'place' ? { location: { lat: 34.5, lon: 69.2, country: 'AF' } } : {}),
    ...extra,
  };
}

export const TINY_ENTITIES: EntityInput[] = [
  entity('isis-k', 'organization', 'Islamic State Khorasan Province', ['ISIS-K', 'IS-K', 'ISKP', { text: 'ISK', case: 'exact' }, { text: 'Khorasan', requires: 'context', ambiguous: true }], {
    related: [{ id: 'islamic-state', relation: 'branch-of' }, { id: 'taliban', relation: 'rival-of' }],
  }),
  entity('islamic-state', 'organization', 'Islamic State', ['ISIS', 'Daesh', "Da'ish", { text: 'IS', case: 'exact', requires: 'context' }]),
  entity('taliban', 'organization', 'Taliban', [{ text: 'Taliban', plural: false }]),
  entity('haqqani-network', 'organization', 'Haqqani network', [{ text: 'Haqqanis', requires: 'context' }], {
    related: [{ id: 'taliban', relation: 'part-of' }],
  }),
  entity('lydia-khalil', 'person', 'Lydia Khalil', [{ text: 'Khalil', requires: 'fullName', ambiguous: true }]),
  entity('khalil-haqqani', 'person', 'Khalil Haqqani', [
    'Khalil ur-Rahman',
    { text: 'Khalil', requires: 'fullName', ambiguous: true },
    { text: 'Haqqani', requires: 'fullName', ambiguous: true },
  ]),
  entity('sirajuddin-haqqani', 'person', 'Sirajuddin Haqqani', [{ text: 'Haqqani', requires: 'fullName', ambiguous: true }]),
  entity('hamid-karzai', 'person', 'Hamid Karzai', [
    { text: 'Hamid Karzai', ambiguous: true },
    { text: 'Karzai', requires: 'fullName' },
  ], { related: [{ id: 'ashraf-ghani', relation: 'successor-of' }] }),
  entity('ashraf-ghani', 'person', 'Ashraf Ghani', [{ text: 'Ghani', requires: 'fullName' }]),
  entity('hkia', 'place', 'Hamid Karzai International Airport', [
    { text: 'Hamid Karzai', ambiguous: true },
    'Kabul airport',
    { text: 'HKIA', case: 'exact' },
  ], { related: [{ id: 'kabul', relation: 'located-in' }] }),
  entity('kabul', 'place', 'Kabul', ['Kābul', 'کابل']),
  entity('kunar', 'place', 'Kunar Province', ['Kunar']),
  entity('wardak-province', 'place', 'Wardak Province', [{ text: 'Wardak', ambiguous: true }]),
  entity('abdul-rahim-wardak', 'person', 'Abdul Rahim Wardak', [{ text: 'Wardak', requires: 'fullName', ambiguous: true }]),
  entity('s-jaishankar', 'person', 'S. Jaishankar', [{ text: 'Jaishankar', requires: 'fullName' }]),
  entity('un-security-council', 'organization', 'UN Security Council', [{ text: 'Security Council', requires: 'fullNameOrContext' }], {
    related: [{ id: 'united-states', relation: 'affiliated-with' }],
  }),
  entity('herat', 'place', 'Herat'),
  entity('herat-province', 'place', 'Herat Province'),
  entity('kabul-university', 'organization', 'Kabul University'),
  entity('mullah-omar', 'person', 'Mullah Omar', [{ text: 'Mohammad Omar', requires: 'context' }], { related: [{ id: 'taliban', relation: 'founder-of' }] }),
  entity('us-department-of-state', 'organization', 'US Department of State', ['State Department']),
  entity('united-states', 'place', 'United States', ['U.S.', { text: 'US', case: 'exact' }, 'USA', 'America'], {
    location: { lat: 38.9, lon: -77.0, country: 'US' },
  }),
  entity('dasht-e-barchi', 'place', 'Dasht-e-Barchi'),
  entity('mazar', 'place', 'Mazar-i-Sharif', ['Mazar-e Sharif']),
  entity('al-qaeda', 'organization', 'al-Qaeda', ['al-Qaida']),
  entity('resolute-support', 'organization', 'Resolute Support', [{ text: 'Resolute Support', notSentenceStart: true }]),
  entity('moscow', 'place', 'Moscow', ['Москва'], { location: { lat: 55.75, lon: 37.6, country: 'RU' } }),
  entity('september-11', 'event', 'September 11 attacks', ['9/11']),
  entity('khorasan', 'place', 'Khorasan', [{ text: 'Khorasan', requires: 'context', ambiguous: true }], {
    related: [{ id: 'isis-k', relation: 'affiliated-with' }],
  }),
];

export function tinyMatcher() {
  const report = validateDataset([{ file: 'tiny.json', records: TINY_ENTITIES }]);
  if (report.errors.length > 0) throw new Error(report.errors.join('\n'));
  return buildMatcher(compileDataset(report.entities, ['Latin America', 'Kabul Bank']).nameIndex);
}
