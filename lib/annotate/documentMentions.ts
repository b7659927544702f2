import type { Matcher } from '../matcher/findMatches';
import { collectTextBlocks, segmentAt, type TextBlock } from '../page/textBlocks';
import { annotateTexts, type PageAnnotation } from './annotateBlocks';

/**
 * Mentions with offsets into one flat text, the form the CLI and the evaluation speak: for HTML
 * the `textContent` of `<body>`, for plain text the file itself.
 */

export interface DocumentMention {
  text: string;
  start: number;
  end: number;
  entity: { id: string; name: string; type: string };
  reason: string;
}

export interface DocumentUnmarked {
  text: string;
  start: number;
  end: number;
  reason: string;
}

export interface DocumentAnnotation {
  mentions: DocumentMention[];
  unmarked: DocumentUnmarked[];
}

type OffsetMap = (block: number, offset: number, isEnd: boolean) => number;

function toDocument(annotation: PageAnnotation, offsetOf: OffsetMap): DocumentAnnotation {
  return {
    mentions: annotation.mentions.map((m) => ({
      text: m.text,
      start: offsetOf(m.block, m.start, false),
      end: offsetOf(m.block, m.end, true),
      entity: { id: m.entity.id, name: m.entity.name, type: m.entity.type },
      reason: m.reason,
    })),
    unmarked: annotation.unmarked.map((u) => ({
      text: u.text,
      start: offsetOf(u.block, u.start, false),
      end: offsetOf(u.block, u.end, true),
      reason: u.reason,
    })),
  };
}

/** Offsets are into `body.textContent`: every text node counts, read or skipped. */
export function annotateDocumentBody(matcher: Matcher, doc: Document): DocumentAnnotation {
  const body = doc.body ?? doc.documentElement;
  const nodeOffsets = new Map<Node, number>();
  const walker = doc.createTreeWalker(body, 0x4 /* SHOW_TEXT */);
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodeOffsets.set(node, offset);
    offset += node.nodeValue?.length ?? 0;
  }
  const blocks: TextBlock[] = collectTextBlocks(body);
  const annotation = annotateTexts(
    matcher,
    blocks.map((block) => block.text),
  );
  return toDocument(annotation, (blockIndex, blockOffset, isEnd) => {
    const block = blocks[blockIndex]!;
    const segment = segmentAt(block, blockOffset, isEnd);
    return nodeOffsets.get(segment.node)! + blockOffset - segment.start;
  });
}

/** Plain text: paragraphs are separated by blank lines, and offsets are into the text itself. */
export function annotatePlainText(matcher: Matcher, text: string): DocumentAnnotation {
  const starts: number[] = [];
  const paragraphs: string[] = [];
  const separator = /\n[ \t\r\f\v]*\n/g;
  let from = 0;
  for (const match of text.matchAll(separator)) {
    paragraphs.push(text.slice(from, match.index));
    starts.push(from);
    from = match.index + match[0].length;
  }
  paragraphs.push(text.slice(from));
  starts.push(from);
  return toDocument(annotateTexts(matcher, paragraphs), (block, offset) => starts[block]! + offset);
}
