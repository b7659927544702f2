import * as v from 'valibot';

/**
 * The one description of an entity record: `data/entities/*.json`, data packs imported by users,
 * and the compiled records all pass through it, so a bad record is named the same way everywhere.
 */

export const ENTITY_TYPES = ['person', 'organization', 'place', 'event'] as const;

/** Each relation with the name its other end shows, so a link is written once, on either side. */
export const RELATION_INVERSES = {
  'leader-of': 'led-by',
  'member-of': 'has-member',
  'part-of': 'has-part',
  'branch-of': 'has-branch',
  'founder-of': 'founded-by',
  'spokesperson-of': 'has-spokesperson',
  'perpetrator-of': 'perpetrated-by',
  'target-of': 'targeted',
  'participant-in': 'has-participant',
  'located-in': 'location-of',
  'successor-of': 'predecessor-of',
  'rival-of': 'rival-of',
  'ally-of': 'ally-of',
  'affiliated-with': 'affiliated-with',
} as const;

type ForwardRelation = keyof typeof RELATION_INVERSES;
type InverseRelation = (typeof RELATION_INVERSES)[ForwardRelation];
export type Relation = ForwardRelation | InverseRelation;

export const RELATIONS: readonly Relation[] = [
  ...new Set<Relation>([
    ...(Object.keys(RELATION_INVERSES) as ForwardRelation[]),
    ...Object.values(RELATION_INVERSES),
  ]),
];

export function inverseOf(relation: Relation): Relation {
  for (const [forward, inverse] of Object.entries(RELATION_INVERSES)) {
    if (forward === relation) return inverse;
    if (inverse === relation) return forward as Relation;
  }
  return relation;
}

const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const isoDate = v.pipe(v.string(), v.regex(ISO_DATE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD'));
const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const httpUrl = v.pipe(
  v.string(),
  v.url('must be a URL'),
  v.regex(/^https?:\/\//, 'must be an http(s) URL'),
);

export const CASE_RULES = ['any', 'capitalized', 'exact'] as const;
export const REQUIREMENTS = ['fullName', 'context', 'fullNameOrContext'] as const;

const aliasRules = v.strictObject({
  text: nonEmpty,
  case: v.optional(v.picklist(CASE_RULES, 'must be any, capitalized or exact')),
  requires: v.optional(v.picklist(REQUIREMENTS, 'must be fullName, context or fullNameOrContext')),
  ambiguous: v.optional(v.boolean()),
  notSentenceStart: v.optional(v.boolean()),
  plural: v.optional(v.boolean()),
  lang: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code'))),
});

export const aliasSchema = v.union([nonEmpty, aliasRules], 'must be a string or {text, …rules}');

const factSchema = v.strictObject({
  label: nonEmpty,
  value: nonEmpty,
  asOf: v.optional(isoDate),
});

const sourceSchema = v.strictObject({
  title: nonEmpty,
  publisher: nonEmpty,
  url: httpUrl,
  accessed: isoDate,
});

const locationSchema = v.strictObject({
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')),
});

export const entitySchema = v.pipe(
  v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase slug')),
    type: v.picklist(ENTITY_TYPES, 'must be person, organization, place or event'),
    subtype: v.optional(nonEmpty),
    name: nonEmpty,
    aliases: v.optional(v.array(aliasSchema), []),
    description: v.pipe(nonEmpty, v.maxLength(90, 'must be at most 90 characters')),
    summary: v.pipe(nonEmpty, v.minLength(40, 'is too short for 2–4 sentences')),
    facts: v.optional(v.array(factSchema), []),
    dates: v.optional(v.strictObject({ start: v.optional(isoDate), end: v.optional(isoDate) })),
    location: v.optional(locationSchema),
    related: v.optional(
      v.array(v.strictObject({ id: nonEmpty, relation: v.picklist(RELATIONS, 'is not a known relation') })),
      [],
    ),
    sources: v.pipe(v.array(sourceSchema), v.minLength(1, 'needs at least one source')),
    reviewed: isoDate,
  }),
  v.check((entity) => entity.type !== 'place' || entity.location !== undefined, 'a place needs a location'),
);

export type EntityInput = v.InferInput<typeof entitySchema>;
export type Entity = v.InferOutput<typeof entitySchema>;
export type AliasInput = v.InferOutput<typeof aliasSchema>;
export type EntityType = Entity['type'];
export type CaseRule = (typeof CASE_RULES)[number];
export type Requirement = (typeof REQUIREMENTS)[number];
