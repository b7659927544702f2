import { clientRectsOf } from './rangeGeometry';

/**
 * Which mention is under the pointer, without a listener per mark: the caret position under the
 * pointer gives a text node and offset, and the mention's own rectangles confirm the hit (a caret
 * is also reported beside a line's end, where there is no text).
 */
export interface Hittable {
  range: AbstractRange;
}

interface NodeSpan<T> {
  from: number;
  to: number;
  mention: T;
}

function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | undefined {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (
      x: number,
      y: number,
      options?: { shadowRoots: ShadowRoot[] },
    ) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    // Without the open shadow roots the caret stops at their hosts and marks inside them never hit.
    const position = withPosition.caretPositionFromPoint(x, y, { shadowRoots });
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

function rangeContainsPoint(range: AbstractRange, x: number, y: number): boolean {
  for (const rect of clientRectsOf(range)) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  }
  return false;
}

export class MentionHitTester<T extends Hittable> {
  private readonly byNode = new Map<Node, NodeSpan<T>[]>();
  private readonly shadowRoots: ShadowRoot[] = [];

  addShadowRoot(shadowRoot: ShadowRoot): void {
    if (!this.shadowRoots.includes(shadowRoot)) this.shadowRoots.push(shadowRoot);
  }

  add(mention: T): void {
    const { startContainer, startOffset, endContainer, endOffset } = mention.range;
    const doc = startContainer.ownerDocument!;
    const walker = doc.createTreeWalker(startContainer.getRootNode(), 0x4 /* SHOW_TEXT */);
    const nodes: Node[] = startContainer === endContainer ? [startContainer] : [];
    if (nodes.length === 0) {
      walker.currentNode = startContainer;
      for (let node: Node | null = startContainer; node; node = walker.nextNode()) {
        nodes.push(node);
        if (node === endContainer) break;
      }
    }
    for (const node of nodes) {
      const from = node === startContainer ? startOffset : 0;
      const to = node === endContainer ? endOffset : (node.nodeValue?.length ?? 0);
      const spans = this.byNode.get(node) ?? [];
      spans.push({ from, to, mention });
      this.byNode.set(node, spans);
    }
  }

  remove(mention: T): void {
    for (const [node, spans] of this.byNode) {
      const kept = spans.filter((span) => span.mention !== mention);
      if (kept.length === 0) this.byNode.delete(node);
      else if (kept.length !== spans.length) this.byNode.set(node, kept);
    }
  }

  hitTest(doc: Document, x: number, y: number): T | undefined {
    const caret = caretAt(doc, x, y, this.shadowRoots);
    if (!caret) return undefined;
    const spans = this.byNode.get(caret.node);
    if (!spans) return undefined;
    for (const span of spans) {
      if (caret.offset >= span.from && caret.offset <= span.to && rangeContainsPoint(span.mention.range, x, y)) {
        return span.mention;
      }
    }
    return undefined;
  }

  clear(): void {
    this.byNode.clear();
  }
}
