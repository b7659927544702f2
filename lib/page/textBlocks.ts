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

/** Elements that flow inside a line, by local name; any other element starts a new passage. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'label', 'mark', 'nobr', 'q', 'ruby', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt',
  'u', 'wbr',
]);

export function isInlineElement(element: Element): boolean {
  return INLINE_TAGS.has(element.localName);
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

/**
 * Whether the text under `parent` is skipped: `parent` or an ancestor up to `root` is one the
 * skip rules name. Answers are kept per element, so each is judged once however much text it holds.
 */
function skipCheck(root: Node): (parent: Node) => boolean {
  const known = new Map<Node, boolean>([[root, false]]);
  const path: Node[] = [];
  return (parent) => {
    let skipped = known.get(parent);
    if (skipped !== undefined) return skipped;
    path.length = 0;
    let node: Node | null = parent;
    while (node && (skipped = known.get(node)) === undefined) {
      path.push(node);
      node = node.parentNode;
    }
    skipped ??= false;
    for (let i = path.length - 1; i >= 0; i--) {
      const element = path[i]!;
      skipped ||= element.nodeType === 1 && isSkippedElement(element as Element);
      known.set(element, skipped);
    }
    return skipped;
  };
}

/**
 * The page's passages in reading order, produced as the walk goes so callers can stop and resume.
 * The walk itself is the browser's (text nodes only, no filter called per node): the skip rules
 * are asked once per parent element, and line breaks are found by their own query.
 */
export function* textBlocksOf(root: Node): Generator<TextBlock> {
  const doc = root.ownerDocument ?? (root as Document);
  if (root.nodeType !== 9 && isInSkippedSubtree(root)) return;
  if (root.nodeType === 1 && isSkippedElement(root as Element)) return;
  const isSkipped = skipCheck(root);
  const lineBreaks: ArrayLike<Element> =
    root.nodeType === 3 ? [] : (root as ParentNode).querySelectorAll('br');
  let nextLineBreak = 0;
  const walker = root.nodeType === 3 ? undefined : doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  const cache = new Map<Element, Element | null>();
  let passage: Element | null | undefined;
  let lastParent: Node | null = null;
  let lastParentSkipped = false;
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
    const parent = node.parentNode;
    if (parent !== lastParent) {
      lastParent = parent;
      lastParentSkipped = parent !== null && isSkipped(parent);
    }
    if (lastParentSkipped) continue;
    // A line break (outside skipped parts) between the last text and this one ends the passage.
    let lineBreak = false;
    while (nextLineBreak < lineBreaks.length && node.compareDocumentPosition(lineBreaks[nextLineBreak]!) & 0x2 /* PRECEDING */) {
      const br = lineBreaks[nextLineBreak++]!;
      lineBreak ||= !isSkipped(br);
    }
    if (lineBreak) {
      const block = take();
      if (block) yield block;
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

/**
 * Every element under `root` that has an open shadow root, or may get one (a custom element).
 * Yields undefined every few hundred elements walked, so a caller reading in slices can pause.
 */
export function* shadowHostsOf(root: Node): Generator<Element | undefined> {
  if (root.nodeType === 3) return;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */);
  let walked = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    if ((element.shadowRoot || element.localName.includes('-')) && !isSkippedElement(element) && !isInSkippedSubtree(element)) {
      yield element;
    }
    if (++walked % 512 === 0) yield undefined;
  }
}

export function collectTextBlocks(root: Node): TextBlock[] {
  return [...textBlocksOf(root)];
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

/**
 * A mark's range as the page keeps it: a StaticRange, which the document does not have to update on
 * every DOM change (thousands of live Ranges made each change of a long page ~100x dearer).
 * Geometry needs a live Range made on the spot (see rangeGeometry.ts). Where StaticRange is
 * missing (DOM emulations), a live Range stands in.
 */
export function markRangeForBlockSpan(doc: Document, block: TextBlock, start: number, end: number): AbstractRange {
  const Static = (doc.defaultView as (Window & typeof globalThis) | null)?.StaticRange;
  if (!Static) return rangeForBlockSpan(doc, block, start, end);
  const first = segmentAt(block, start);
  const last = segmentAt(block, end, true);
  return new Static({
    startContainer: first.node,
    startOffset: start - first.start,
    endContainer: last.node,
    endOffset: end - last.start,
  });
}

export function rangeForBlockSpan(doc: Document, block: TextBlock, start: number, end: number): Range {
  const first = segmentAt(block, start);
  const last = segmentAt(block, end, true);
  const range = doc.createRange();
  range.setStart(first.node, start - first.start);
  range.setEnd(last.node, end - last.start);
  return range;
}
