import { render } from 'preact';
import type { EntityCardData } from '../dataset/cardData';
import { OWN_UI_ATTRIBUTE } from '../page/skipRules';
import { NavigableCard } from './NavigableCard';

/**
 * The in-page container for the card: one host element with a shadow root, so the page's CSS
 * cannot reach the card and the card's cannot reach the page. It owns placement and dismissal;
 * what the card says is the NavigableCard's business.
 */
export interface CardOverlayOptions {
  css: string;
  loadCard: (id: string) => Promise<EntityCardData | null>;
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

const GAP = 8;
const MARGIN = 8;
const PREFERRED_WIDTH = 380;

export class CardOverlay {
  private host: HTMLElement | undefined;
  private mountPoint: HTMLElement | undefined;
  private frame: HTMLElement | undefined;
  private openId: string | undefined;

  constructor(
    private readonly doc: Document,
    private readonly options: CardOverlayOptions,
  ) {}

  get isOpen(): boolean {
    return this.openId !== undefined;
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
    // Set through the CSSOM, which a page's style-src CSP does not block.
    Object.assign(host.style, { all: 'initial', position: 'fixed', top: '0', left: '0', width: '0', height: '0', zIndex: '2147483647' });
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
    this.host = host;
    this.mountPoint = mountPoint;
    return mountPoint;
  }

  show(data: EntityCardData, anchor: AnchorRect, dark: boolean): void {
    const mountPoint = this.ensureHost();
    this.openId = data.record.id;
    render(
      <div class={`backstory-theme${dark ? ' theme-dark' : ''}`}>
        <div
          class="card-frame"
          role="dialog"
          aria-labelledby="backstory-card-title"
          onPointerEnter={() => this.options.onPointerEnter?.()}
          onPointerLeave={() => this.options.onPointerLeave?.()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') this.hide();
          }}
        >
          <NavigableCard initial={data} loadCard={this.options.loadCard} onClose={() => this.hide()} />
        </div>
      </div>,
      mountPoint,
    );
    this.frame = mountPoint.querySelector<HTMLElement>('.card-frame') ?? undefined;
    this.place(anchor);
  }

  /** Below the mention when it fits, else above; never off-screen, never over the hovered line. */
  private place(anchor: AnchorRect): void {
    const frame = this.frame;
    const win = this.doc.defaultView;
    if (!frame || !win) return;
    const viewportWidth = this.doc.documentElement.clientWidth || win.innerWidth;
    const viewportHeight = this.doc.documentElement.clientHeight || win.innerHeight;
    const width = Math.min(PREFERRED_WIDTH, viewportWidth - 2 * MARGIN);
    Object.assign(frame.style, { position: 'fixed', width: `${width}px`, maxHeight: 'none', left: '0px', top: '0px' });
    const spaceBelow = viewportHeight - anchor.bottom - GAP - MARGIN;
    const spaceAbove = anchor.top - GAP - MARGIN;
    const natural = frame.getBoundingClientRect().height;
    const below = natural <= spaceBelow || spaceBelow >= spaceAbove;
    const maxHeight = Math.max(120, Math.min(natural, below ? spaceBelow : spaceAbove));
    const top = below ? anchor.bottom + GAP : anchor.top - GAP - maxHeight;
    const left = Math.min(Math.max(MARGIN, anchor.left), viewportWidth - width - MARGIN);
    Object.assign(frame.style, {
      maxHeight: `${maxHeight}px`,
      top: `${Math.max(MARGIN, top)}px`,
      left: `${Math.max(MARGIN, left)}px`,
    });
  }

  focus(): void {
    this.frame?.querySelector<HTMLElement>('button, a[href]')?.focus();
  }

  hide(): void {
    if (!this.mountPoint || this.openId === undefined) return;
    render(null, this.mountPoint);
    this.openId = undefined;
    this.frame = undefined;
    this.options.onClose?.();
  }

  destroy(): void {
    this.hide();
    this.host?.remove();
    this.host = undefined;
    this.mountPoint = undefined;
  }
}
