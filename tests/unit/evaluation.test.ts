import { describe, expect, it } from 'vitest';
import { precisionRecall, sumScores } from '../../lib/annotate/scoreMentions';
import { evaluatePages, fixturePages } from '../../scripts/eval';

// The matching is judged like a human annotator on the team's fixture pages (see `npm run eval`).
describe('matching quality on the fixture pages', () => {
  const results = evaluatePages(fixturePages());

  it('has at least 15 hand-annotated pages, each gold file placing cleanly', () => {
    expect(results.length).toBeGreaterThanOrEqual(15);
    for (const result of results) expect(result.unplaced, result.page).toEqual([]);
  });

  it('keeps overall precision at least 0.97 and recall at least 0.95', () => {
    const total = sumScores(results);
    const { precision, recall } = precisionRecall(total);
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
