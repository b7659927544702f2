import type { IndexedAlias } from './compiled';

/**
 * A short form ("Khalil", "Security Council"): it links only where the page says whose it is
 * (fullName, or fullNameOrContext), never where someone else on the page bears it, and it never
 * names its entity in full itself.
 */
export function isShortForm(alias: Pick<IndexedAlias, 'requires'>): boolean {
  return alias.requires === 'fullName' || alias.requires === 'fullNameOrContext';
}
