import { computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import type { EntityCardData } from '../dataset/cardData';
import { OWN_UI_ATTRIBUTE } from '../page/skipRules';
import type { CardAction } from './EntityCard';
import { NavigableCard } from './NavigableCard';

/**
 * The in-page container for the card: one host element with a shadow root, so the page's CSS
 * cannot reach the card and the card's cannot reach the page. It owns placement, pinning,
 * dragging and dismissal; what the card says is the NavigableCard's business.
 */
export interface CardOverlayOptions {
  css: string;
  loadCard: (id: string) => Promise<EntityCardData | null>;
  actions?: CardAction[];
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  onClose?: () => void;
}

export interface AnchorRect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const MARGIN = 8;
const PREFERRED_WIDTH = 380;
const HOST_STYLES: [string, string][] = [
  ['all', 'initial'],
  ['display', 'block'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['position', 'fixed'],
  ['inset', '0 auto auto 0'],
  ['width', '0'],
  ['height', '0'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', 'none'],
  ['background', 'transparent'],
  ['overflow', 'visible'],
  ['transform', 'none'],
  ['z-index', '2147483647'],
];

export class CardOverlay {
  private host: HTMLElement | undefined;
  private mountPoint: HTMLElement | undefined;
  private frame: HTMLElement | undefined;
  private openId: string | undefined;
  private pinnedState = false;
  private current: { data: EntityCardData; anchor: AnchorRect; dark: boolean; rtl: boolean } | undefined;
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly doc: Document,
    private readonly options: CardOverlayOptions,
  ) {}

  get isOpen(): boolean {
    return this.openId !== undefined;
  }

  get isPinned(): boolean {
    return this.pinnedState;
  }

  get entityId(): string | undefined {
    return this.openId;
  }

  contains(node: Node | null): boolean {
    return node !== null && this.host !== undefined && (node === this.host || this.host.contains(node));
  }

  private ensureHost(): HTMLElement {
    if (this.mountPoint) return this.mountPoint;
    const host = this.doc.createElement('backstory-card');
    host.setAttribute(OWN_UI_ATTRIBUTE, '');
    // Through the CSSOM (a page's style-src CSP does not block it) and !important inline, which
    // beats even the page's !important rules (`* { all: unset !important }`, `:not(:defined)`).
    for (const [property, value] of HOST_STYLES) host.style.setProperty(property, value, 'important');
    const shadow = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new (this.doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(this.options.css);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      const style = this.doc.createElement('style');
      style.textContent = this.options.css;
      shadow.append(style);
    }
    const mountPoint = this.doc.createElement('div');
    shadow.append(mountPoint);
    this.doc.documentElement.append(host);
    // The top layer is above every z-index and free of the page's transforms.
    if (typeof host.showPopover === 'function') {
      host.popover = 'manual';
      host.showPopover();
    }
    this.host = host;
    this.mountPoint = mountPoint;
    return mountPoint;
  }

  show(data: EntityCardData, anchor: AnchorRect, options: { dark: boolean; rtl?: boolean; focus?: boolean }): void {
    if (options.focus) this.returnFocus = this.doc.activeElement as HTMLElement | null;
    this.pinnedState = false;
    this.current = { data, anchor, dark: options.dark, rtl: options.rtl ?? false };
    this.openId = data.record.id;
    this.renderCard();
    void this.place(anchor, this.current.rtl);
    if (options.focus) this.focus();
  }

  private renderCard(): void {
    const mountPoint = this.ensureHost();
    const current = this.current!;
    render(
      <div class={`backstory-theme${current.dark ? ' theme-dark' : ''}`} dir="ltr" lang="en">
        <div
          class={`card-frame${this.pinnedState ? ' pinned' : ''}`}
          role="dialog"
          aria-labelledby="backstory-card-title"
          onPointerEnter={() => this.options.onPointerEnter?.()}
          onPointerLeave={() => this.options.onPointerLeave?.()}
          onPointerDown={(event) => this.startDrag(event)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              this.hide();
            }
          }}
        >
          <NavigableCard
            initial={current.data}
            loadCard={this.options.loadCard}
            onClose={() => this.hide()}
            actions={this.options.actions}
            pinned={this.pinnedState}
            onTogglePin={() => this.togglePin()}
          />
        </div>
      </div>,
      mountPoint,
    );
    this.frame = mountPoint.querySelector<HTMLElement>('.card-frame') ?? undefined;
  }

  togglePin(): void {
    if (!this.current) return;
    this.pinnedState = !this.pinnedState;
    this.frame?.classList.toggle('pinned', this.pinnedState);
    this.renderCard();
  }

  /** Below the hovered line when it fits, else above; shifted sideways but never off-screen. */
  private async place(anchor: AnchorRect, rtl: boolean): Promise<void> {
    const frame = this.frame;
    const win = this.doc.defaultView;
    if (!frame || !win) return;
    const viewportWidth = this.doc.documentElement.clientWidth || win.innerWidth;
    Object.assign(frame.style, {
      position: 'fixed',
      width: `${Math.min(PREFERRED_WIDTH, viewportWidth - 2 * MARGIN)}px`,
      left: '0px',
      top: '0px',
    });
    const rect = { x: anchor.left, y: anchor.top, left: anchor.left, top: anchor.top, right: anchor.right, bottom: anchor.bottom, width: anchor.right - anchor.left, height: anchor.bottom - anchor.top };
    const reference: VirtualElement = { getBoundingClientRect: () => rect, getClientRects: () => [rect] };
    const { x, y } = await computePosition(reference, frame, {
      strategy: 'fixed',
      placement: rtl ? 'bottom-end' : 'bottom-start',
      middleware: [
        offset(8),
        flip({ padding: MARGIN, fallbackPlacements: [rtl ? 'top-end' : 'top-start'] }),
        shift({ padding: MARGIN }),
        size({
          padding: MARGIN,
          apply({ availableHeight }) {
            frame.style.maxHeight = `${Math.max(140, availableHeight)}px`;
          },
        }),
      ],
    });
    if (this.frame !== frame) return;
    Object.assign(frame.style, { left: `${Math.max(MARGIN, x)}px`, top: `${Math.max(MARGIN, y)}px` });
  }

  /** A pinned card moves with its header, so the reader can put it beside what they read. */
  private startDrag(event: PointerEvent): void {
    const frame = this.frame;
    const target = event.composedPath()[0] as Element | undefined;
    if (!this.pinnedState || !frame || !target?.closest?.('.card-header') || target.closest('button')) return;
    event.preventDefault();
    const startX = event.clientX;
    const startY = event.clientY;
    const origin = frame.getBoundingClientRect();
    const move = (moveEvent: PointerEvent) => {
      const win = this.doc.defaultView!;
      const left = Math.min(Math.max(0, origin.left + moveEvent.clientX - startX), win.innerWidth - 60);
      const top = Math.min(Math.max(0, origin.top + moveEvent.clientY - startY), win.innerHeight - 40);
      Object.assign(frame.style, { left: `${left}px`, top: `${top}px` });
    };
    const end = () => {
      this.doc.removeEventListener('pointermove', move, true);
      this.doc.removeEventListener('pointerup', end, true);
    };
    this.doc.addEventListener('pointermove', move, true);
    this.doc.addEventListener('pointerup', end, true);
  }

  focus(): void {
    const frame = this.frame;
    (frame?.querySelector<HTMLElement>('.icon-button.close') ?? frame?.querySelector<HTMLElement>('button, a[href]'))?.focus();
  }

  hide(): void {
    if (!this.mountPoint || this.openId === undefined) return;
    render(null, this.mountPoint);
    this.openId = undefined;
    this.frame = undefined;
    this.current = undefined;
    this.pinnedState = false;
    const returnTo = this.returnFocus;
    this.returnFocus = null;
    if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    this.options.onClose?.();
  }

  destroy(): void {
    this.hide();
    this.host?.remove();
    this.host = undefined;
    this.mountPoint = undefined;
  }
}
