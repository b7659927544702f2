import { isInSkippedSubtree, isSkippedElement } from './skipRules';

/**
 * The page's text as the matcher sees it: runs of text nodes that read as one passage, so that
 * `<b>Hamid</b> Karzai` or a name split by a link is one string, with a way back to the nodes.
 */

export interface TextSegment {
  node: Text;
  /** Where this node's text starts in the block's text. */
  start: number;
}

export interface TextBlock {
  text: string;
  segments: TextSegment[];
}

/** Elements that flow inside a line; any other element starts a new passage. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS',
  'LABEL', 'MARK', 'NOBR', 'Q', 'RUBY', 'S', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME',
  'TT', 'U', 'WBR',
]);

export function isInlineElement(element: Element): boolean {
  return INLINE_TAGS.has(element.tagName.toUpperCase());
}

function passageOf(node: Node, cache: Map<Element, Element | null>): Element | null {
  const parent = node.parentElement;
  if (!parent) return null;
  const cached = cache.get(parent);
  if (cached !== undefined) return cached;
  let element: Element | null = parent;
  while (element && isInlineElement(element)) element = element.parentElement;
  cache.set(parent, element);
  return element;
}

export interface CollectOptions {
  /** Also called for every element read, e.g. to find open shadow roots. */
  onElement?: (element: Element) => void;
}

/** The page's passages in reading order, produced as the walk goes so callers can stop and resume. */
export function* textBlocksOf(root: Node, options: CollectOptions = {}): Generator<TextBlock> {
  const doc = root.ownerDocument ?? (root as Document);
  if (root.nodeType !== 9 && isInSkippedSubtree(root)) return;
  if (root.nodeType === 1 && isSkippedElement(root as Element)) return;
  const walker =
    root.nodeType === 3
      ? undefined
      : doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
          acceptNode(node) {
            if (node.nodeType === 3) return 1; // FILTER_ACCEPT
            const element = node as Element;
            if (isSkippedElement(element)) return 2; // FILTER_REJECT: skip the whole subtree
            options.onElement?.(element);
            return element.tagName === 'BR' ? 1 : 3; // a line break ends the passage; other elements are walked through
          },
        });
  const cache = new Map<Element, Element | null>();
  let passage: Element | null | undefined;
  let parts: string[] = [];
  let segments: TextSegment[] = [];
  let length = 0;
  let hasText = false;
  const take = (): TextBlock | undefined => {
    const block = hasText ? { text: parts.join(''), segments } : undefined;
    passage = undefined;
    parts = [];
    segments = [];
    length = 0;
    hasText = false;
    return block;
  };
  for (let node: Node | null = walker ? walker.nextNode() : root; node; node = walker ? walker.nextNode() : null) {
    if (node.nodeType !== 3) {
      const block = take(); // <br>: a hard break between passages
      if (block) yield block;
      continue;
    }
    const value = node.nodeValue ?? '';
    if (value.length === 0) continue;
    const nodePassage = passageOf(node, cache);
    if (segments.length > 0 && nodePassage !== passage) {
      const block = take();
      if (block) yield block;
    }
    passage = nodePassage;
    segments.push({ node: node as Text, start: length });
    parts.push(value);
    length += value.length;
    hasText ||= /\S/.test(value);
  }
  const last = take();
  if (last) yield last;
}

export function collectTextBlocks(root: Node, options: CollectOptions = {}): TextBlock[] {
  return [...textBlocksOf(root, options)];
}

/** The segment holding the character at `offset` (or ending at it, for an end offset). */
export function segmentAt(block: TextBlock, offset: number, isEnd = false): TextSegment {
  const { segments } = block;
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = segments[mid]!.start;
    if (isEnd ? start < offset : start <= offset) low = mid;
    else high = mid - 1;
  }
  return segments[low]!;
}

export function rangeForBlockSpan(doc: Document, block: TextBlock, start: number, end: number): Range {
  const first = segmentAt(block, start);
  const last = segmentAt(block, end, true);
  const range = doc.createRange();
  range.setStart(first.node, start - first.start);
  range.setEnd(last.node, end - last.start);
  return range;
}
