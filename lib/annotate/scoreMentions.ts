/**
 * Scores found mentions against hand-made gold ones, the way the matching is judged: a found
 * mention is right only with the same span and the same entity.
 */
export interface GoldMention {
  text: string;
  entity: string;
  /** Pins the mention where `text` also occurs earlier, unlinked; otherwise found in order. */
  start?: number;
}

export interface ScoredSpan {
  text: string;
  start: number;
  end: number;
  entity: string;
}

export interface PageScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  misses: ScoredSpan[];
  falseLinks: (ScoredSpan & { expected?: string })[];
  /** Gold mentions whose text could not be found in order: mistakes in the gold file. */
  unplaced: GoldMention[];
}

/** Places each gold mention at its pinned offset, or at the next occurrence after the previous one. */
export function placeGold(text: string, gold: readonly GoldMention[]): { placed: ScoredSpan[]; unplaced: GoldMention[] } {
  const placed: ScoredSpan[] = [];
  const unplaced: GoldMention[] = [];
  let cursor = 0;
  for (const mention of gold) {
    const start = mention.start ?? text.indexOf(mention.text, cursor);
    if (start < 0 || text.slice(start, start + mention.text.length) !== mention.text) {
      unplaced.push(mention);
      continue;
    }
    placed.push({ text: mention.text, start, end: start + mention.text.length, entity: mention.entity });
    cursor = start + mention.text.length;
  }
  return { placed, unplaced };
}

export function scoreMentions(found: readonly ScoredSpan[], gold: readonly ScoredSpan[], unplaced: GoldMention[] = []): PageScore {
  const key = (span: ScoredSpan) => `${span.start}:${span.end}`;
  const goldBySpan = new Map(gold.map((span) => [key(span), span]));
  const foundBySpan = new Map(found.map((span) => [key(span), span]));
  let truePositives = 0;
  const falseLinks: PageScore['falseLinks'] = [];
  for (const span of found) {
    const expected = goldBySpan.get(key(span));
    if (expected?.entity === span.entity) truePositives++;
    else falseLinks.push(expected ? { ...span, expected: expected.entity } : span);
  }
  const misses = gold.filter((span) => foundBySpan.get(key(span))?.entity !== span.entity);
  return { truePositives, falsePositives: falseLinks.length, falseNegatives: misses.length, misses, falseLinks, unplaced };
}

export function precisionRecall(score: Pick<PageScore, 'truePositives' | 'falsePositives' | 'falseNegatives'>) {
  const precision = score.truePositives / Math.max(1, score.truePositives + score.falsePositives);
  const recall = score.truePositives / Math.max(1, score.truePositives + score.falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

type Counts = Pick<PageScore, 'truePositives' | 'falsePositives' | 'falseNegatives'>;

/** Micro-averaging: the pages' counts added up, so long pages weigh as much as their mentions. */
export function sumScores(scores: readonly Counts[]): Counts {
  return scores.reduce<Counts>(
    (sum, score) => ({
      truePositives: sum.truePositives + score.truePositives,
      falsePositives: sum.falsePositives + score.falsePositives,
      falseNegatives: sum.falseNegatives + score.falseNegatives,
    }),
    { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  );
}
