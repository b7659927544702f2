import type { IndexedAlias, MatchCandidate, NameIndex } from '../dataset/compiled';
import { scanTables } from './matcherIndex';

/**
 * Groups aliases by key and keys by first word, longest first. Done when the dataset is compiled
 * (and when a data pack is added), so a tab's start-up is a JSON parse and one Map.
 */
export function matchCandidates(
  aliases: readonly IndexedAlias[],
  stopPhrases: readonly string[],
): Pick<NameIndex, 'candidates' | 'byFirstWord' | 'scan'> {
  const byKey = new Map<string, MatchCandidate>();
  const candidateFor = (key: string) => {
    let candidate = byKey.get(key);
    if (!candidate) {
      candidate = { words: key.split(' '), aliases: [] };
      byKey.set(key, candidate);
    }
    return candidate;
  };
  aliases.forEach((alias, index) => candidateFor(alias.key).aliases.push(index));
  for (const phrase of stopPhrases) candidateFor(phrase).stop = true;
  const candidates = [...byKey.values()];
  const byFirstWord = new Map<string, number[]>();
  candidates.forEach((candidate, index) => {
    const first = candidate.words[0]!;
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), index]);
  });
  for (const list of byFirstWord.values()) list.sort((a, b) => candidates[b]!.words.length - candidates[a]!.words.length);
  const entries = [...byFirstWord.entries()];
  return { candidates, byFirstWord: entries, scan: scanTables({ aliases, candidates, byFirstWord: entries }) };
}
