import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/lib/messaging/protocol';
import { isDarkBackground } from '@/lib/page/pageTheme';
import { CardOverlay } from '@/lib/ui/CardOverlay';
import type { AnnotatedPage, LiveMention } from './annotatePage';

/** Time to travel from the name into the card before it closes. */
const CLOSE_GRACE_MS = 350;

/** Hover intent → card, with a grace period to reach the card and Escape to dismiss it. */
export function startHoverCards(
  ctx: ContentScriptContext,
  doc: Document,
  page: AnnotatedPage,
  css: string,
  hoverDelayMs: () => number,
): void {
  let hovered: LiveMention | undefined;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let pointerInCard = false;
  let pendingFrame = false;
  let lastPointer = { x: 0, y: 0 };

  const loadCard = (id: string) => sendMessage('getEntityCard', { id });
  const overlay = new CardOverlay(doc, {
    css,
    loadCard,
    onPointerEnter: () => {
      pointerInCard = true;
      cancelClose();
    },
    onPointerLeave: () => {
      pointerInCard = false;
      scheduleClose();
    },
    onClose: () => page.highlights.setActive(undefined),
  });
  ctx.onInvalidated(() => overlay.destroy());

  const cancelClose = () => {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  const scheduleClose = () => {
    if (!overlay.isOpen || closeTimer !== undefined) return;
    closeTimer = ctx.setTimeout(() => {
      closeTimer = undefined;
      if (!pointerInCard && !hovered) overlay.hide();
    }, CLOSE_GRACE_MS);
  };

  const open = async (mention: LiveMention) => {
    const data = await loadCard(mention.entityId).catch(() => null);
    if (!data || hovered !== mention) return;
    const rects = [...mention.range.getClientRects()];
    const lineRect = rects.find((rect) => lastPointer.y >= rect.top && lastPointer.y <= rect.bottom) ?? rects[0];
    if (!lineRect) return;
    const anchorElement = mention.range.startContainer.parentElement;
    page.highlights.setActive(mention.range);
    overlay.show(data, lineRect, isDarkBackground(anchorElement, doc.defaultView!));
  };

  const onPointerMove = (event: PointerEvent) => {
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
        if (overlay.isOpen && overlay.entityId === mention.entityId) return;
        openTimer = ctx.setTimeout(() => void open(mention), hoverDelayMs());
      } else {
        scheduleClose();
      }
    });
  };

  ctx.addEventListener(doc, 'pointermove', onPointerMove, { passive: true });
  ctx.addEventListener(doc, 'keydown', (event: KeyboardEvent) => {
    if (event.key === 'Escape' && overlay.isOpen) overlay.hide();
  });
  ctx.addEventListener(doc, 'pointerdown', (event: PointerEvent) => {
    if (overlay.isOpen && !overlay.contains(event.target as Node)) overlay.hide();
  });
}
