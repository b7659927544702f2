import type { EntityType } from '../dataset/schema';

/**
 * Marks are CSS Custom Highlights: Ranges painted by the browser, so the page's DOM (and any
 * framework that owns it) never sees a foreign node. Names start with "backstory" so tests and
 * curious pages can find them.
 */
export const HIGHLIGHT_PREFIX = 'backstory';
export const ACTIVE_HIGHLIGHT = `${HIGHLIGHT_PREFIX}-active`;
const KINDS: EntityType[] = ['person', 'organization', 'place', 'event'];

export const highlightName = (type: EntityType) => `${HIGHLIGHT_PREFIX}-${type}`;

const HIGHLIGHT_CSS = `
::highlight(${highlightName('person')}) { text-decoration: underline 2px rgb(122 63 179 / 0.6); text-underline-offset: 3px; }
::highlight(${highlightName('organization')}) { text-decoration: underline 2px rgb(179 38 30 / 0.55); text-underline-offset: 3px; }
::highlight(${highlightName('place')}) { text-decoration: underline 2px rgb(27 122 74 / 0.6); text-underline-offset: 3px; }
::highlight(${highlightName('event')}) { text-decoration: underline 2px rgb(163 90 0 / 0.6); text-underline-offset: 3px; }
::highlight(${ACTIVE_HIGHLIGHT}) { background-color: rgb(255 200 0 / 0.28); }
`;

export function supportsHighlights(win: Window): boolean {
  const scope = win as Window & typeof globalThis;
  return typeof scope.Highlight === 'function' && typeof scope.CSS?.highlights === 'object';
}

/** Adds the page's only Backstory style; returns how to take it away. */
export function installHighlightStyles(doc: Document): () => void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  try {
    if (!win) throw new Error('no window');
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((existing) => existing !== sheet);
    };
  } catch {
    // Firefox content scripts cannot always adopt their own sheets; a style element is the fallback.
    const style = doc.createElement('style');
    style.setAttribute('data-backstory-ui', '');
    style.textContent = HIGHLIGHT_CSS;
    (doc.head ?? doc.documentElement).append(style);
    return () => style.remove();
  }
}

export interface HighlightedRange {
  range: Range;
  type: EntityType;
}

export class PageHighlights {
  private readonly byKind = new Map<EntityType, Highlight>();
  private readonly active: Highlight;

  constructor(private readonly win: Window & typeof globalThis) {
    for (const kind of KINDS) {
      const highlight = new win.Highlight();
      this.byKind.set(kind, highlight);
      win.CSS.highlights.set(highlightName(kind), highlight);
    }
    this.active = new win.Highlight();
    win.CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
  }

  add(ranges: readonly HighlightedRange[]): void {
    for (const { range, type } of ranges) this.byKind.get(type)?.add(range);
  }

  remove(ranges: readonly HighlightedRange[]): void {
    for (const { range, type } of ranges) this.byKind.get(type)?.delete(range);
  }

  setActive(range: Range | undefined): void {
    this.active.clear();
    if (range) this.active.add(range);
  }

  count(): number {
    let total = 0;
    for (const highlight of this.byKind.values()) total += highlight.size;
    return total;
  }

  destroy(): void {
    for (const kind of KINDS) this.win.CSS.highlights.delete(highlightName(kind));
    this.win.CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  }
}
