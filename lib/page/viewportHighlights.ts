import type { EntityType } from '../dataset/schema';
import type { PageHighlights } from './highlights';

/**
 * Registers highlights only for marks near the viewport. Chromium re-validates every registered
 * range on each DOM change, so a long page with all its marks live makes every later change
 * dearer; marks far away cost nothing until the reader scrolls toward them.
 *
 * What is near is measured when the reader scrolls or resizes (at most every UPDATE_MS), not with
 * an IntersectionObserver: an observer on every passage adds its own cost to every frame, which
 * is the very cost this class exists to avoid.
 */
export interface PlacedRange {
  range: AbstractRange;
  type: EntityType;
  element: Element;
}

/**
 * How far beyond the viewport, in viewport heights, marks stay registered. Each registered mark
 * adds to the cost of every DOM change; one viewport each way still covers a fling of several
 * thousand pixels a second between two updates.
 */
const MARGIN_VIEWPORTS = 1;
const UPDATE_MS = 120;
const SLICE_MS = 6;

export class ViewportHighlights<T extends PlacedRange> {
  private readonly byElement = new Map<Element, Set<T>>();
  private readonly visible = new Set<Element>();
  private readonly stopListening = new AbortController();
  private pending = false;
  private again = false;
  private lastUpdate = -Infinity;
  /** Elements whose marks arrived since their place was last measured. */
  private readonly unplaced = new Set<Element>();
  private placingScheduled = false;

  constructor(
    private readonly highlights: PageHighlights,
    private readonly win: Window & typeof globalThis,
    private readonly isShown: (mention: T) => boolean = () => true,
  ) {
    const options = { passive: true, capture: true, signal: this.stopListening.signal };
    win.addEventListener('scroll', () => this.schedule(), options);
    win.addEventListener('resize', () => this.schedule(), options);
  }

  add(mentions: readonly T[]): void {
    for (const mention of mentions) {
      let set = this.byElement.get(mention.element);
      if (!set) {
        set = new Set();
        this.byElement.set(mention.element, set);
        this.unplaced.add(mention.element);
      }
      set.add(mention);
      if (this.visible.has(mention.element) && this.isShown(mention)) this.highlights.add([mention]);
    }
    this.schedulePlacing();
  }

  /**
   * New marks need only their own elements measured: nothing else moved. (A pass over every
   * element of a long page at each delivery made appending text cost as much as the page.)
   */
  private schedulePlacing(): void {
    if (this.placingScheduled || this.unplaced.size === 0) return;
    this.placingScheduled = true;
    this.win.requestAnimationFrame(() => {
      this.placingScheduled = false;
      const elements = [...this.unplaced];
      this.unplaced.clear();
      this.place(elements);
    });
  }

  private place(elements: readonly Element[]): void {
    const height = this.win.innerHeight;
    const top = -height * MARGIN_VIEWPORTS;
    const bottom = height * (1 + MARGIN_VIEWPORTS);
    for (const element of elements) {
      const mentions = this.byElement.get(element);
      if (!mentions || this.visible.has(element)) continue;
      const rect = element.getBoundingClientRect();
      if (!element.isConnected || rect.bottom < top || rect.top > bottom || (rect.width === 0 && rect.height === 0)) continue;
      this.visible.add(element);
      this.highlights.add([...mentions].filter(this.isShown));
    }
  }

  remove(mentions: readonly T[]): void {
    this.highlights.remove(mentions);
    for (const mention of mentions) {
      const set = this.byElement.get(mention.element);
      if (!set) continue;
      set.delete(mention);
      if (set.size === 0) {
        this.byElement.delete(mention.element);
        this.visible.delete(mention.element);
      }
    }
  }

  /** Re-applies `isShown` after a setting changed. */
  refresh(): void {
    for (const element of this.visible) {
      const mentions = [...(this.byElement.get(element) ?? [])];
      this.highlights.remove(mentions);
      this.highlights.add(mentions.filter(this.isShown));
    }
  }

  private schedule(): void {
    if (this.pending) {
      // A pass is under way; the reader moved since it started, so one more will follow.
      this.again = true;
      return;
    }
    this.pending = true;
    const wait = Math.max(0, this.lastUpdate + UPDATE_MS - performance.now());
    this.win.setTimeout(() => this.win.requestAnimationFrame(() => this.update()), wait);
  }

  /**
   * Registers the marks of passages within reach of the viewport and drops the others, a few
   * milliseconds per frame so that a page with thousands of passages never stalls.
   */
  private update(entries: Iterator<[Element, Set<T>]> = this.byElement.entries()): void {
    this.pending = false;
    const started = performance.now();
    this.lastUpdate = started;
    const height = this.win.innerHeight;
    const top = -height * MARGIN_VIEWPORTS;
    const bottom = height * (1 + MARGIN_VIEWPORTS);
    for (let entry = entries.next(); !entry.done; entry = entries.next()) {
      if (performance.now() - started > SLICE_MS) {
        this.pending = true;
        this.win.requestAnimationFrame(() => this.update(entries));
        return;
      }
      const [element, mentions] = entry.value;
      const rect = element.getBoundingClientRect();
      const near = element.isConnected && rect.bottom >= top && rect.top <= bottom && (rect.width > 0 || rect.height > 0);
      if (near === this.visible.has(element)) continue;
      const list = [...mentions];
      if (near) {
        this.visible.add(element);
        this.highlights.add(list.filter(this.isShown));
      } else {
        this.visible.delete(element);
        this.highlights.remove(list);
      }
    }
    this.finishPass();
  }

  private finishPass(): void {
    if (!this.again) return;
    this.again = false;
    this.schedule();
  }

  destroy(): void {
    this.stopListening.abort();
    this.byElement.clear();
    this.visible.clear();
  }
}
