import type { IndexedEntity } from '../dataset/compiled';
import { findMatches, type Matcher } from '../matcher/findMatches';
import { resolveMentions, type MatchOnPage } from '../resolve/resolveMentions';

/**
 * Match → resolve over a page's passages: the one pipeline behind the content script, the annotate
 * CLI and the evaluation, so all three mark exactly the same names.
 */

export interface BlockSpan {
  /** Index of the passage in the list given. */
  block: number;
  start: number;
  end: number;
  text: string;
}

export interface PageMention extends BlockSpan {
  entityIndex: number;
  entity: IndexedEntity;
  reason: string;
}

export interface UnmarkedMatch extends BlockSpan {
  reason: string;
}

export interface PageAnnotation {
  mentions: PageMention[];
  /** Names found but left unmarked, with why: for `--explain` and the tests. */
  unmarked: UnmarkedMatch[];
}

export function annotateTexts(matcher: Matcher, texts: readonly string[]): PageAnnotation {
  const spans: (BlockSpan & MatchOnPage)[] = [];
  let base = 0;
  texts.forEach((text, block) => {
    for (const match of findMatches(matcher, text)) {
      spans.push({
        block,
        start: match.start,
        end: match.end,
        text: text.slice(match.start, match.end),
        position: base + match.start,
        aliases: match.aliases,
        titled: match.titled,
        shadows: match.shadows,
        asProvince: match.asProvince,
        located: match.located,
      });
    }
    base += text.length + 1;
  });
  const resolutions = resolveMentions(matcher.index, spans);
  const mentions: PageMention[] = [];
  const unmarked: UnmarkedMatch[] = [];
  spans.forEach(({ block, start, end, text }, i) => {
    const { entity, reason } = resolutions[i]!;
    if (entity === undefined) unmarked.push({ block, start, end, text, reason });
    else mentions.push({ block, start, end, text, entityIndex: entity, entity: matcher.index.entities[entity]!, reason });
  });
  return { mentions, unmarked };
}
