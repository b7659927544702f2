import type { IndexedAlias } from './compiled';

/**
 * A short form ("Khalil", "Security Council"): it links only where the page says whose it is
 * (fullName, or fullNameOrContext), never where someone else on the page bears it, and it never
 * names its entity in full itself.
 */
export function isShortForm(alias: Pick<IndexedAlias, 'requires'>): boolean {
  return alias.requires === 'fullName' || alias.requires === 'fullNameOrContext';
}

function titleCased(key: string): string {
  return key
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * The alias's words with their capitals. The index leaves `forms` out where it is only the key in
 * Title Case, as most names are (a smaller index to read, and fewer strings in every tab).
 */
export function formsOf(alias: Pick<IndexedAlias, 'forms' | 'key' | 'case'>): string {
  if (alias.forms !== undefined) return alias.forms;
  return alias.case === 'any' ? alias.key : titleCased(alias.key);
}

/** `forms` as the index stores it: left out where formsOf gives it back from the key. */
export function withoutDerivableForms(alias: IndexedAlias): IndexedAlias {
  if (alias.forms === undefined || alias.forms !== titleCased(alias.key)) return alias;
  const { forms: _forms, ...rest } = alias;
  return rest;
}
