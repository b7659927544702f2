import type { EntityType } from '../dataset/schema';
import type { PageHighlights } from './highlights';

/**
 * Registers highlights only for marks near the viewport. Chromium re-validates every registered
 * range on each DOM change, so a long page with all its marks live makes every later change
 * dearer; marks far away cost nothing until the reader scrolls toward them.
 */
export interface PlacedRange {
  range: Range;
  type: EntityType;
  element: Element;
}

export class ViewportHighlights<T extends PlacedRange> {
  private readonly byElement = new Map<Element, Set<T>>();
  private readonly visible = new Set<Element>();
  private readonly observer: IntersectionObserver | undefined;

  constructor(
    private readonly highlights: PageHighlights,
    win: Window & typeof globalThis,
    private readonly isShown: (mention: T) => boolean = () => true,
  ) {
    if (typeof win.IntersectionObserver !== 'function') return;
    this.observer = new win.IntersectionObserver((entries) => this.onIntersections(entries), {
      rootMargin: '150% 0px 150% 0px',
    });
  }

  add(mentions: readonly T[]): void {
    for (const mention of mentions) {
      let set = this.byElement.get(mention.element);
      if (!set) {
        set = new Set();
        this.byElement.set(mention.element, set);
        if (this.observer) this.observer.observe(mention.element);
        else this.visible.add(mention.element);
      }
      set.add(mention);
      if (this.visible.has(mention.element) && this.isShown(mention)) this.highlights.add([mention]);
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
        this.observer?.unobserve(mention.element);
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

  private onIntersections(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const mentions = [...(this.byElement.get(entry.target) ?? [])];
      if (entry.isIntersecting) {
        this.visible.add(entry.target);
        this.highlights.add(mentions.filter(this.isShown));
      } else {
        this.visible.delete(entry.target);
        this.highlights.remove(mentions);
      }
    }
  }

  destroy(): void {
    this.observer?.disconnect();
    this.byElement.clear();
    this.visible.clear();
  }
}
