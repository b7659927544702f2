import * as v from 'valibot';
import { aliasPattern } from '../matcher/aliasPattern';
import { entitySchema, type AliasInput, type Entity } from './schema';

export interface DatasetFile {
  file: string;
  records: unknown;
}

export interface ValidationReport {
  entities: Entity[];
  errors: string[];
  warnings: string[];
}

export interface ValidationOptions {
  /** Ids defined elsewhere (the bundled dataset, when checking a data pack or a single file). */
  knownIds?: ReadonlySet<string>;
  /** Report dangling relations as warnings, for checking one file of many. */
  danglingIsWarning?: boolean;
}

/** Rough bounding boxes, to catch swapped or mistyped coordinates. */
const COUNTRY_BOUNDS: Record<string, [minLat: number, maxLat: number, minLon: number, maxLon: number]> = {
  AF: [29.3, 38.6, 60.4, 74.99],
  PK: [23.6, 37.2, 60.8, 77.9],
  IR: [25.0, 39.8, 44.0, 63.4],
  TJ: [36.6, 41.1, 67.3, 75.2],
  UZ: [37.1, 45.6, 55.9, 73.2],
  TM: [35.1, 42.8, 52.4, 66.7],
  IN: [6.7, 35.7, 68.1, 97.4],
  QA: [24.4, 26.2, 50.7, 51.7],
};

export function describeRecord(file: string, index: number, record: unknown): string {
  const id =
    typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string'
      ? (record as { id: string }).id
      : '(no id)';
  return `${file} › ${id} (record ${index + 1})`;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  const keys = issue.path?.map((item) => item.key) ?? [];
  return keys.reduce<string>(
    (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
    '',
  );
}

export function aliasText(alias: AliasInput): string {
  return typeof alias === 'string' ? alias : alias.text;
}

function isAmbiguous(entity: Entity, key: string): boolean {
  return entity.aliases.some(
    (alias) => typeof alias !== 'string' && alias.ambiguous === true && aliasPattern(alias.text)?.key === key,
  );
}

/**
 * Every check the build, the tests and data-pack import share. Errors name file, record and field
 * so that whoever edits the data can find the line at once.
 */
export function validateDataset(files: DatasetFile[], options: ValidationOptions = {}): ValidationReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const entities: Entity[] = [];
  const where = new Map<string, string>();

  for (const { file, records } of files) {
    if (!Array.isArray(records)) {
      errors.push(`${file}: must be a JSON array of entity records`);
      continue;
    }
    records.forEach((record, index) => {
      const label = describeRecord(file, index, record);
      const result = v.safeParse(entitySchema, record);
      if (!result.success) {
        const first = result.issues[0];
        const path = issuePath(first);
        errors.push(`${label} › ${path || 'record'}: ${first.message}`);
        return;
      }
      const entity = result.output;
      const previous = where.get(entity.id);
      if (previous) {
        errors.push(`${label} › id: duplicate id, already defined by ${previous}`);
        return;
      }
      where.set(entity.id, label);
      entities.push(entity);
    });
  }

  const ids = new Set(entities.map((entity) => entity.id));
  const aliasOwners = new Map<string, Entity[]>();
  for (const entity of entities) {
    const label = where.get(entity.id)!;
    entity.related.forEach((link, index) => {
      if (link.id === entity.id) errors.push(`${label} › related[${index}].id: relates to itself`);
      else if (!ids.has(link.id) && !options.knownIds?.has(link.id)) {
        const message = `${label} › related[${index}].id: no entity has the id "${link.id}"`;
        (options.danglingIsWarning ? warnings : errors).push(message);
      }
    });
    const keys = new Set<string>();
    [entity.name, ...entity.aliases.map(aliasText)].forEach((text, index) => {
      const pattern = aliasPattern(text);
      if (!pattern) {
        errors.push(`${label} › aliases[${index - 1}]: "${text}" has no letters or digits to match`);
        return;
      }
      if (keys.has(pattern.key)) return;
      keys.add(pattern.key);
      aliasOwners.set(pattern.key, [...(aliasOwners.get(pattern.key) ?? []), entity]);
    });
    if (entity.location) {
      const bounds = COUNTRY_BOUNDS[entity.location.country];
      const { lat, lon } = entity.location;
      if (bounds && (lat < bounds[0] || lat > bounds[1] || lon < bounds[2] || lon > bounds[3])) {
        errors.push(`${label} › location: ${lat}, ${lon} lies outside ${entity.location.country}`);
      }
    }
    for (const source of entity.sources) {
      if (source.accessed > entity.reviewed && entity.reviewed.length === source.accessed.length) {
        warnings.push(`${label} › sources: accessed after the record was reviewed`);
      }
    }
  }

  for (const [key, owners] of aliasOwners) {
    if (owners.length < 2) continue;
    const unmarked = owners.filter((owner) => !isAmbiguous(owner, key));
    if (unmarked.length > 0) {
      const names = owners.map((owner) => owner.id).join(', ');
      for (const owner of unmarked) {
        errors.push(`${where.get(owner.id)} › aliases: "${key}" is also claimed by ${names}; mark it "ambiguous": true on each`);
      }
    }
  }
  return { entities, errors, warnings };
}
