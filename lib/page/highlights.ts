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

/** Quiet colours per kind, readable as underlines on light and dark pages alike. */
const KIND_COLOURS: Record<EntityType, string> = {
  person: '150 90 210',
  organization: '214 64 54',
  place: '38 150 96',
  event: '214 130 20',
};

export type HighlightLook = 'underline' | 'tint';

function highlightCss(look: HighlightLook): string {
  const rules = KINDS.map((kind) =>
    look === 'tint'
      ? `::highlight(${highlightName(kind)}) { background-color: rgb(${KIND_COLOURS[kind]} / 0.16); }`
      : `::highlight(${highlightName(kind)}) { text-decoration: underline 2px rgb(${KIND_COLOURS[kind]} / 0.65); text-underline-offset: 3px; }`,
  );
  return `${rules.join('\n')}\n::highlight(${ACTIVE_HIGHLIGHT}) { background-color: rgb(255 200 0 / 0.3); }\n`;
}

export function supportsHighlights(win: Window): boolean {
  const scope = win as Window & typeof globalThis;
  return typeof scope.Highlight === 'function' && typeof scope.CSS?.highlights === 'object';
}

interface EarlySheet {
  style: HighlightLook;
  remove: () => void;
}

/**
 * The sheet adopted at document_start (see installEarlyHighlightStyles), until the main content
 * script claims it. Kept on the frame's global object, which the two content scripts share (each
 * has its own copy of this module).
 */
const EARLY_SHEET_KEY = '__backstoryEarlyHighlightSheet';

type Scope = Record<string, EarlySheet | undefined>;

/**
 * Adopts the default look while the page is still empty. Adopting a sheet of ::highlight rules
 * restyles every element of the document once: 40-70 ms on a 1M-character page once it has
 * loaded, next to nothing before. Only where the sheet can be adopted: no element goes into a
 * page that has not been parsed yet.
 */
export function installEarlyHighlightStyles(doc: Document): void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const scope = globalThis as unknown as Scope;
  if (!win || scope[EARLY_SHEET_KEY]) return;
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(highlightCss('underline'));
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    scope[EARLY_SHEET_KEY] = {
      style: 'underline',
      remove: () => {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((existing) => existing !== sheet);
      },
    };
  } catch {
    // The sheet is installed later, by installHighlightStyles, with its fallback.
  }
}

/** The early sheet, now the caller's to keep or remove; undefined when there is none. */
export function claimEarlyHighlightStyles(): EarlySheet | undefined {
  const scope = globalThis as unknown as Scope;
  const early = scope[EARLY_SHEET_KEY];
  delete scope[EARLY_SHEET_KEY];
  return early;
}

/**
 * Adds the page's only Backstory style (to a shadow root too: document styles do not reach into
 * it); returns how to take it away. `style` picks how marks look. A document's early sheet in the
 * same look is taken over rather than adopted again.
 */
export function installHighlightStyles(target: Document | ShadowRoot, style: HighlightLook = 'underline'): () => void {
  const early = target.nodeType === 9 ? claimEarlyHighlightStyles() : undefined;
  if (early) {
    if (early.style === style) return early.remove;
    early.remove();
  }
  const doc = target.nodeType === 9 ? (target as Document) : target.ownerDocument!;
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const css = highlightCss(style);
  try {
    if (!win) throw new Error('no window');
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    return () => {
      target.adoptedStyleSheets = target.adoptedStyleSheets.filter((existing) => existing !== sheet);
    };
  } catch {
    // Firefox content scripts cannot always adopt their own sheets; a style element is the fallback.
    const element = doc.createElement('style');
    element.setAttribute('data-backstory-ui', '');
    element.textContent = css;
    (target.nodeType === 9 ? (doc.head ?? doc.documentElement) : target).append(element);
    return () => element.remove();
  }
}

export interface HighlightedRange {
  range: AbstractRange;
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

  setActive(range: AbstractRange | undefined): void {
    this.active.clear();
    if (range) this.active.add(range);
  }

  count(): number {
    let total = 0;
    for (const highlight of this.byKind.values()) total += highlight.size;
    return total;
  }

  destroy(): void {
    // Emptied first: Chromium keeps text nodes of a deleted-but-filled highlight slow to change.
    for (const highlight of this.byKind.values()) highlight.clear();
    this.active.clear();
    for (const kind of KINDS) this.win.CSS.highlights.delete(highlightName(kind));
    this.win.CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  }
}
