import { foldForMatching } from '../matcher/normalize';

/**
 * A shortlist before the fuzzy search: fuse.js compares the query with every document, which is
 * too slow per keystroke at thousands of entities, so documents are first picked by the letter
 * trigrams they share with each query word (typos keep most trigrams) or, for short words, by
 * the first letters of their words.
 */
export interface CandidateIndex {
  /** Indexes of the documents most likely to match, best first, at most `limit`. */
  shortlist(words: readonly string[], limit: number): number[];
}

function trigramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

function add(map: Map<string, number[]>, key: string, doc: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [doc]);
  else if (list[list.length - 1] !== doc) list.push(doc);
}

export function createCandidateIndex(texts: readonly string[][]): CandidateIndex {
  const byTrigram = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  texts.forEach((fields, doc) => {
    for (const word of foldForMatching(fields.join(' ')).split(/[^\p{L}\p{N}]+/u)) {
      if (!word) continue;
      add(byPrefix, word.slice(0, 2), doc);
      for (const gram of trigramsOf(word)) add(byTrigram, gram, doc);
    }
  });
  const scores = new Float64Array(texts.length);
  const wordScores = new Float64Array(texts.length);

  return {
    shortlist(words, limit) {
      scores.fill(0);
      const touched = new Set<number>();
      for (const word of words) {
        wordScores.fill(0);
        const wordTouched: number[] = [];
        if (word.length < 3) {
          for (const doc of byPrefix.get(word.slice(0, 2)) ?? []) {
            if (wordScores[doc] === 0) wordTouched.push(doc);
            wordScores[doc] = 1;
          }
        } else {
          const grams = trigramsOf(word);
          for (const gram of grams) {
            for (const doc of byTrigram.get(gram) ?? []) {
              if (wordScores[doc] === 0) wordTouched.push(doc);
              wordScores[doc] = wordScores[doc]! + 1 / grams.length;
            }
          }
        }
        for (const doc of wordTouched) {
          scores[doc] = scores[doc]! + wordScores[doc]!;
          touched.add(doc);
        }
      }
      return [...touched].sort((a, b) => scores[b]! - scores[a]!).slice(0, limit);
    },
  };
}
