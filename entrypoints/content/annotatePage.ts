import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { annotateTexts } from '@/lib/annotate/annotateBlocks';
import { loadBundledNameIndex } from '@/lib/dataset/bundledDataset';
import type { EntityType } from '@/lib/dataset/schema';
import { buildMatcher } from '@/lib/matcher/findMatches';
import { installHighlightStyles, PageHighlights, supportsHighlights } from '@/lib/page/highlights';
import { MentionHitTester } from '@/lib/page/hitTest';
import { collectTextBlocks, rangeForBlockSpan } from '@/lib/page/textBlocks';

/** One marked mention on the live page. */
export interface LiveMention {
  range: Range;
  entityId: string;
  type: EntityType;
  text: string;
}

export interface AnnotatedPage {
  mentions: LiveMention[];
  hitTester: MentionHitTester<LiveMention>;
  highlights: PageHighlights;
}

/** Scan → match → resolve → highlight, once for the page as it stands. */
export function startAnnotating(ctx: ContentScriptContext, doc: Document): AnnotatedPage | undefined {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !supportsHighlights(win)) return undefined;
  const matcher = buildMatcher(loadBundledNameIndex());
  const blocks = collectTextBlocks(doc.body ?? doc.documentElement);
  const { mentions } = annotateTexts(
    matcher,
    blocks.map((block) => block.text),
  );
  const live: LiveMention[] = mentions.map((mention) => ({
    range: rangeForBlockSpan(doc, blocks[mention.block]!, mention.start, mention.end),
    entityId: mention.entity.id,
    type: mention.entity.type,
    text: mention.text,
  }));
  const removeStyles = installHighlightStyles(doc);
  const highlights = new PageHighlights(win);
  highlights.add(live);
  const hitTester = new MentionHitTester<LiveMention>();
  for (const mention of live) hitTester.add(mention);
  ctx.onInvalidated(() => {
    highlights.destroy();
    hitTester.clear();
    removeStyles();
  });
  return { mentions: live, hitTester, highlights };
}
