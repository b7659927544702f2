/**
 * Marks are kept as StaticRanges (see markRangeForBlockSpan); what needs the page's geometry or
 * order asks here, and a live Range exists only for as long as that question.
 */

export function liveRangeOf(range: AbstractRange): Range {
  if (range instanceof Range || typeof (range as Range).getClientRects === 'function') return range as Range;
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  const live = doc.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/** The line boxes of the marked text; none when the text changed under a static range. */
export function clientRectsOf(range: AbstractRange): DOMRect[] {
  try {
    return [...liveRangeOf(range).getClientRects()];
  } catch {
    return [];
  }
}

/** Document order of two marks' starts: negative when `a` comes first. */
export function compareRangeStarts(a: AbstractRange, b: AbstractRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  const position = a.startContainer.compareDocumentPosition(b.startContainer);
  if (position & 0x4 /* FOLLOWING */) return -1;
  if (position & 0x2 /* PRECEDING */) return 1;
  return 0;
}
