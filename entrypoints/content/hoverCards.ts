import { clientRectsOf } from '@/lib/page/rangeGeometry';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/lib/messaging/protocol';
import { isDarkBackground } from '@/lib/page/pageTheme';
import { CardOverlay } from '@/lib/ui/CardOverlay';
import type { CardAction } from '@/lib/ui/EntityCard';
import type { AnnotatedPage, LiveMention } from './annotatePage';

/** Time to travel from the name into the card before it closes. */
const CLOSE_GRACE_MS = 400;

export interface HoverCards {
  /** Opens the card of `mention` now, optionally moving focus into it (keyboard use). */
  open(mention: LiveMention, options?: { focus?: boolean }): Promise<void>;
  /** The mention whose card is open, if any. */
  activeMention(): LiveMention | undefined;
  /** Opens an entity's card beside a rectangle of the page (the selection), focused. */
  openEntityAt(entityId: string, anchor: DOMRect): Promise<boolean>;
  overlay: CardOverlay;
}

/**
 * Hover intent → card; click or tap → card at once. The pointer may travel into the card, a
 * pinned card stays, Escape or a click elsewhere dismisses (WCAG 1.4.13: dismissible, hoverable,
 * persistent).
 */
export function startHoverCards(
  ctx: ContentScriptContext,
  doc: Document,
  page: AnnotatedPage,
  css: string,
  hoverDelayMs: () => number,
  actions: CardAction[],
  signal: AbortSignal,
): HoverCards {
  let hovered: LiveMention | undefined;
  let active: LiveMention | undefined;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let pointerInCard = false;
  let pendingFrame = false;
  let lastPointer = { x: 0, y: 0 };

  const loadCard = (id: string) => sendMessage('getEntityCard', { id });
  const overlay = new CardOverlay(doc, {
    css,
    loadCard,
    actions,
    onPointerEnter: () => {
      pointerInCard = true;
      cancelClose();
    },
    onPointerLeave: () => {
      pointerInCard = false;
      scheduleClose();
    },
    onClose: () => {
      active = undefined;
      page.highlights.setActive(undefined);
    },
  });
  signal.addEventListener('abort', () => overlay.destroy());

  const cancelClose = () => {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  const scheduleClose = () => {
    if (!overlay.isOpen || overlay.isPinned || closeTimer !== undefined) return;
    closeTimer = ctx.setTimeout(() => {
      closeTimer = undefined;
      if (!pointerInCard && !hovered && !overlay.isPinned) overlay.hide();
    }, CLOSE_GRACE_MS);
  };

  const open = async (mention: LiveMention, options: { focus?: boolean; point?: { x: number; y: number } } = {}) => {
    const data = await loadCard(mention.entityId).catch(() => null);
    if (!data) return;
    const rects = clientRectsOf(mention.range);
    const point = options.point;
    const lineRect = (point && rects.find((rect) => point.y >= rect.top && point.y <= rect.bottom)) ?? rects[0];
    if (!lineRect) return;
    const anchorElement = mention.range.startContainer.parentElement;
    const view = doc.defaultView!;
    page.highlights.setActive(mention.range);
    active = mention;
    overlay.show(data, lineRect, {
      dark: isDarkBackground(anchorElement, view),
      rtl: anchorElement ? view.getComputedStyle(anchorElement).direction === 'rtl' : false,
      focus: options.focus,
    });
  };

  const isStale = (mention: LiveMention) => mention.range.collapsed || !mention.range.startContainer.isConnected;
  /** Hit-tests after applying the page's pending changes, for pages that re-render as you point. */
  const currentMentionAt = (point: { x: number; y: number }) => {
    page.annotator.flush();
    return page.hitTester.hitTest(doc, point.x, point.y);
  };

  const onPointerMove = (event: PointerEvent) => {
    if (event.pointerType === 'touch') return;
    lastPointer = { x: event.clientX, y: event.clientY };
    if (pendingFrame) return;
    pendingFrame = true;
    requestAnimationFrame(() => {
      pendingFrame = false;
      if (overlay.contains(doc.elementFromPoint(lastPointer.x, lastPointer.y))) return;
      const mention = page.hitTester.hitTest(doc, lastPointer.x, lastPointer.y);
      if (mention === hovered) return;
      hovered = mention;
      clearTimeout(openTimer);
      if (mention) {
        cancelClose();
        if (overlay.isPinned || (overlay.isOpen && overlay.entityId === mention.entityId)) return;
        const point = lastPointer;
        openTimer = ctx.setTimeout(() => {
          if (hovered !== mention) return;
          // The page may have re-rendered the text meanwhile: take the mark that is there now.
          const current = isStale(mention) ? currentMentionAt(point) : mention;
          if (current) void open(current, { point });
        }, hoverDelayMs());
      } else {
        scheduleClose();
      }
    });
  };

  doc.addEventListener('pointermove', onPointerMove, { passive: true, signal });
  doc.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      if (event.key === 'Escape' && overlay.isOpen) overlay.hide();
    },
    { signal },
  );
  // A click (or a tap on touch screens) on a name opens its card at once; anywhere else closes it.
  doc.addEventListener(
    'pointerdown',
    (event: PointerEvent) => {
      if (overlay.contains(event.target as Node)) return;
      const mention = currentMentionAt({ x: event.clientX, y: event.clientY });
      if (mention) {
        clearTimeout(openTimer);
        hovered = mention;
        void open(mention, { point: { x: event.clientX, y: event.clientY } });
      } else if (overlay.isOpen && !overlay.isPinned) {
        overlay.hide();
      }
    },
    { signal },
  );

  const openEntityAt = async (entityId: string, anchor: DOMRect) => {
    const data = await loadCard(entityId).catch(() => null);
    if (!data) return false;
    active = undefined;
    overlay.show(data, anchor, { dark: isDarkBackground(doc.body, doc.defaultView!), focus: true });
    return true;
  };

  return { open, activeMention: () => active, openEntityAt, overlay };
}
