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

/** A line that a hard wrap broke off mid-sentence: long enough to be wrapped, and no sentence end. */
const WRAPPED_LINE = /^.{40,100}[^.!?:;"”’)\]\s]\s*$/;

/**
 * Whether the text is hard-wrapped (paragraphs run over several lines), or else holds one paragraph
 * per line, as text copied from a web page does. Most lines of a wrapped text end mid-sentence.
 */
function isHardWrapped(lines: readonly string[]): boolean {
  const filled = lines.filter((line) => line.trim() !== '');
  return filled.length >= 4 && filled.filter((line) => WRAPPED_LINE.test(line)).length >= filled.length * 0.6;
}

/**
 * Plain text, with offsets into the text itself. Paragraphs are separated by blank lines, and in
 * text that is not hard-wrapped each line is one: a headline's last name must not run on into the
 * paragraph below it.
 */
export function annotatePlainText(matcher: Matcher, text: string): DocumentAnnotation {
  const starts: number[] = [];
  const paragraphs: string[] = [];
  const separator = isHardWrapped(text.split('\n')) ? /\n[ \t\r\f\v]*\n/g : /\r?\n/g;
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
