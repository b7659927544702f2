import type { EntityType } from '../dataset/schema';
import { findMatches, type Matcher, type TextMatch } from '../matcher/findMatches';
import { isInlineElement, rangeForBlockSpan, shadowHostsIn, textBlocksOf, type TextBlock } from '../page/textBlocks';
import { resolveMentions, type MatchOnPage } from '../resolve/resolveMentions';

/**
 * The pipeline on a live page: the visible part of the page first, the rest in small slices of
 * idle time, and afterwards only what the page adds or changes — never a rescan of everything.
 * It keeps a page-wide view so that "one page, one meaning" holds as content arrives.
 */

export interface LiveMention {
  key: string;
  range: Range;
  entityId: string;
  type: EntityType;
  text: string;
  /** The element whose text holds the mention, for viewport tracking. */
  element: Element;
  reason: string;
}

interface LiveBlock {
  id: number;
  /** Reading order of the block; blocks added later come after those seen before. */
  order: number;
  block: TextBlock;
  element: Element;
  matches: TextMatch[];
}

export interface Scheduler {
  /** Runs `work` when the main thread is idle; `timeRemaining` is how long it may take. */
  idle(work: (timeRemaining: () => number) => void): void;
  later(work: () => void, ms: number): void;
}

export interface LiveAnnotatorOptions {
  root: Document;
  matcher: Matcher;
  scheduler: Scheduler;
  onChange: (added: LiveMention[], removed: LiveMention[]) => void;
  /** A link the reader dismissed ("not this") for this surface text. */
  isDismissed?: (entityId: string, text: string) => boolean;
  /** Called for every open shadow root found, so its highlights can be styled. */
  onShadowRoot?: (shadowRoot: ShadowRoot) => void;
  /** The longest a single slice of work may take, in milliseconds. */
  sliceMs?: number;
}

const MUTATION_BATCH_MS = 30;
/** How often, while the first reading goes on, the links found so far are decided and shown. */
const DECISION_INTERVAL_MS = 250;
/** How many new marks are handed to the page in one task. */
const DELIVERY_CHUNK = 400;
/** When to look again for shadow roots attached after the first reading. */
const LATE_SHADOW_CHECKS_MS = [300, 1_000, 3_000, 8_000];

function passageElement(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

export class LiveAnnotator {
  private readonly blocks = new Map<number, LiveBlock>();
  private readonly blockOfNode = new Map<Text, LiveBlock>();
  private readonly current = new Map<string, LiveMention>();
  private readonly observers: MutationObserver[] = [];
  private readonly observedRoots = new Set<Node>();
  private pendingRoots = new Set<Node>();
  private pendingRemovals = new Set<Node>();
  private batchScheduled = false;
  private nextBlockId = 1;
  private nextOrder = 0;
  private stopped = false;
  private readonly sliceMs: number;
  private resolveQueued = false;
  private decisions = 0;
  private readonly shadowlessHosts = new Set<Element>();

  constructor(private readonly options: LiveAnnotatorOptions) {
    this.sliceMs = options.sliceMs ?? 8;
  }

  get mentions(): LiveMention[] {
    return [...this.current.values()];
  }

  /** Reads the page as it stands: the viewport first, then the rest in idle slices. */
  start(): Promise<void> {
    const root = this.options.root;
    const body = root.body ?? root.documentElement;
    this.observe(body);
    const view = root.defaultView;
    // On a page opened at its top, reading order is viewport order and the walk can go lazily;
    // a restored scroll position needs the whole page in hand to find what is on screen.
    const blocks: Iterator<LiveBlock> =
      view && view.scrollY > view.innerHeight ? this.viewportFirst([...this.blocksOf(body)]).values() : this.blocksOf(body);
    for (const delay of LATE_SHADOW_CHECKS_MS) {
      this.options.scheduler.later(() => this.stopped || this.recheckLateShadowRoots(), delay);
    }
    return new Promise((resolve) => {
      let lastDecision = -Infinity;
      const work = (timeRemaining: () => number) => {
        if (this.stopped) return resolve();
        const deadline = performance.now() + Math.min(this.sliceMs, Math.max(2, timeRemaining()));
        let done = false;
        while (performance.now() < deadline) {
          const next = blocks.next();
          if (next.done) {
            done = true;
            break;
          }
          this.matchBlock(next.value);
        }
        // Deciding is page-wide, so it runs after the first slice (the screen), every so often, and at the end.
        if (done || performance.now() - lastDecision > DECISION_INTERVAL_MS) {
          this.resolveAndNotify();
          lastDecision = performance.now();
        }
        if (done) resolve();
        else this.options.scheduler.idle(work);
      };
      // The first slice runs now: what the reader is looking at is marked without waiting for idle time.
      work(() => this.sliceMs);
    });
  }

  /** Registers the passages of `root` (and of open shadow roots in it) as the walk reaches them. */
  private *blocksOf(root: Node): Generator<LiveBlock> {
    for (const block of textBlocksOf(root)) yield this.register(block);
    const shadowRoots: ShadowRoot[] = [];
    for (const host of shadowHostsIn(root)) this.noteElement(host, shadowRoots);
    for (const shadowRoot of shadowRoots) {
      this.observe(shadowRoot);
      this.options.onShadowRoot?.(shadowRoot);
      yield* this.blocksOf(shadowRoot);
    }
  }

  private noteElement(element: Element, shadowRoots: ShadowRoot[]): void {
    if (element.shadowRoot) {
      if (!this.observedRoots.has(element.shadowRoot)) shadowRoots.push(element.shadowRoot);
    } else if (element.localName.includes('-')) {
      this.shadowlessHosts.add(element);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const observer of this.observers) observer.disconnect();
    this.observers.length = 0;
    const removed = this.mentions;
    this.current.clear();
    this.blocks.clear();
    this.blockOfNode.clear();
    if (removed.length > 0) this.options.onChange([], removed);
  }

  /** Forgets everything and reads the page again (single-page-app navigations). */
  async restart(): Promise<void> {
    this.stop();
    this.stopped = false;
    this.observedRoots.clear();
    await this.start();
  }

  /** Re-decides every link, e.g. after the reader dismissed one. */
  refresh(): void {
    this.resolveAndNotify();
  }

  /**
   * Applies the page's pending changes now instead of at the end of the batch: a page that
   * re-renders its text must not leave the reader pointing at marks of nodes it already replaced.
   */
  flush(): void {
    for (const observer of this.observers) this.onMutations(observer.takeRecords(), false);
    if (this.pendingRoots.size === 0 && this.pendingRemovals.size === 0 && !this.resolveQueued) return;
    this.applyMutations(true);
  }

  /**
   * Custom elements often get their shadow root after they were read (their definition loads
   * later), which no mutation reports; look at them again a few times.
   */
  private recheckLateShadowRoots(): void {
    for (const host of this.shadowlessHosts) {
      if (!host.isConnected) {
        this.shadowlessHosts.delete(host);
        continue;
      }
      const shadowRoot = host.shadowRoot;
      if (!shadowRoot || this.observedRoots.has(shadowRoot)) continue;
      this.shadowlessHosts.delete(host);
      this.observe(shadowRoot);
      this.options.onShadowRoot?.(shadowRoot);
      for (const live of this.collect(shadowRoot)) this.matchBlock(live);
      this.queueResolve();
    }
  }

  private collect(root: Node): LiveBlock[] {
    return [...this.blocksOf(root)];
  }

  private register(block: TextBlock): LiveBlock {
    const first = block.segments[0]!.node;
    const live: LiveBlock = {
      id: this.nextBlockId++,
      order: this.nextOrder++,
      block,
      element: passageElement(first) ?? this.options.root.documentElement,
      matches: [],
    };
    this.blocks.set(live.id, live);
    for (const segment of block.segments) this.blockOfNode.set(segment.node, live);
    return live;
  }

  private unregister(live: LiveBlock): void {
    this.blocks.delete(live.id);
    for (const segment of live.block.segments) {
      if (this.blockOfNode.get(segment.node) === live) this.blockOfNode.delete(segment.node);
    }
  }

  /** Blocks are in reading order; those on screen (found by binary search) go first. */
  private viewportFirst(blocks: LiveBlock[]): LiveBlock[] {
    const view = this.options.root.defaultView;
    if (!view || blocks.length < 50) return blocks;
    const height = view.innerHeight;
    const top = (block: LiveBlock) => block.element.getBoundingClientRect().bottom;
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (top(blocks[mid]!) < 0) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < blocks.length && blocks[end]!.element.getBoundingClientRect().top < height * 1.5) end++;
    return [...blocks.slice(low, end), ...blocks.slice(0, low), ...blocks.slice(end)];
  }

  private matchBlock(live: LiveBlock): void {
    live.matches = findMatches(this.options.matcher, live.block.text);
  }

  private resolveAndNotify(): void {
    const { matcher, root, isDismissed } = this.options;
    const ordered = [...this.blocks.values()].filter((b) => b.matches.length > 0).sort((a, b) => a.order - b.order);
    const spans: (MatchOnPage & { live: LiveBlock; match: TextMatch })[] = [];
    for (const live of ordered) {
      for (const match of live.matches) {
        spans.push({ position: live.order * 1e7 + match.start, aliases: match.aliases, titled: match.titled, shadows: match.shadows, live, match });
      }
    }
    const resolutions = resolveMentions(matcher.index, spans);
    const next = new Map<string, { span: (typeof spans)[number]; entity: number; reason: string }>();
    resolutions.forEach((resolution, i) => {
      if (resolution.entity === undefined) return;
      const span = spans[i]!;
      const entity = matcher.index.entities[resolution.entity]!;
      const text = span.live.block.text.slice(span.match.start, span.match.end);
      if (isDismissed?.(entity.id, text)) return;
      next.set(`${span.live.id}:${span.match.start}:${span.match.end}:${entity.id}`, { span, entity: resolution.entity, reason: resolution.reason });
    });

    const removed: LiveMention[] = [];
    for (const [key, mention] of this.current) {
      if (!next.has(key)) {
        removed.push(mention);
        this.current.delete(key);
      }
    }
    if (removed.length > 0) this.options.onChange([], removed);
    const toAdd = [...next].filter(([key]) => !this.current.has(key));
    // Thousands of new marks (a long page read to its end) are handed over a few hundred at a time,
    // so that no task grows long; a newer decision supersedes the rest of an older one.
    const generation = ++this.decisions;
    const deliver = (from: number) => {
      if (generation !== this.decisions || this.stopped) return;
      const added: LiveMention[] = [];
      for (const [key, { span, entity, reason }] of toAdd.slice(from, from + DELIVERY_CHUNK)) {
        const record = matcher.index.entities[entity]!;
        const mention: LiveMention = {
          key,
          range: rangeForBlockSpan(root, span.live.block, span.match.start, span.match.end),
          entityId: record.id,
          type: record.type,
          text: span.live.block.text.slice(span.match.start, span.match.end),
          element: span.live.element,
          reason,
        };
        this.current.set(key, mention);
        added.push(mention);
      }
      if (added.length > 0) this.options.onChange(added, []);
      if (from + DELIVERY_CHUNK < toAdd.length) this.options.scheduler.later(() => deliver(from + DELIVERY_CHUNK), 0);
    };
    deliver(0);
  }

  private observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    const view = this.options.root.defaultView as (Window & typeof globalThis) | null;
    if (!view?.MutationObserver) return;
    const observer = new view.MutationObserver((records) => this.onMutations(records));
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.observers.push(observer);
  }

  private onMutations(records: MutationRecord[], schedule = true): void {
    for (const record of records) {
      if (record.type === 'characterData') {
        this.pendingRoots.add(record.target);
        continue;
      }
      record.removedNodes.forEach((node) => this.pendingRemovals.add(node));
      record.addedNodes.forEach((node) => this.pendingRoots.add(node));
      // Text inserted inside a passage changes that passage's text around the insertion too.
      if (record.addedNodes.length > 0 || record.removedNodes.length > 0) this.pendingRoots.add(record.target);
    }
    if (!schedule || this.batchScheduled || (this.pendingRoots.size === 0 && this.pendingRemovals.size === 0)) return;
    this.batchScheduled = true;
    this.options.scheduler.later(() => this.applyMutations(), MUTATION_BATCH_MS);
  }

  /** Only the passages the page touched are read again, so the cost follows the change. */
  private applyMutations(resolveNow = false): void {
    this.batchScheduled = false;
    if (this.stopped) return;
    const removals = this.pendingRemovals;
    const roots = this.pendingRoots;
    this.pendingRemovals = new Set();
    this.pendingRoots = new Set();

    let matchesChanged = false;
    for (const node of removals) matchesChanged = this.forgetSubtree(node) || matchesChanged;

    const passages = new Set<Node>();
    for (const node of roots) {
      if (!node.isConnected) continue;
      const passage = this.passageRoot(node);
      if (passage) passages.add(passage);
    }
    // Keep only the outermost passages: their scan covers the nested ones.
    const outermost = [...passages].filter((passage) => {
      for (let parent = passage.parentNode; parent; parent = parent.parentNode) {
        if (passages.has(parent)) return false;
      }
      return true;
    });
    for (const passage of outermost) {
      matchesChanged = this.forgetSubtree(passage) || matchesChanged;
      for (const live of this.collect(passage)) {
        this.matchBlock(live);
        matchesChanged ||= live.matches.length > 0;
      }
    }
    this.recheckLateShadowRoots();
    // A change that touched no name (a clock, a like counter) must not cost a page-wide re-decision.
    if (!matchesChanged && !this.resolveQueued) return;
    if (resolveNow) {
      this.resolveQueued = false;
      this.resolveAndNotify();
    } else {
      this.queueResolve();
    }
  }

  private queueResolve(): void {
    if (this.resolveQueued) return;
    this.resolveQueued = true;
    queueMicrotask(() => {
      if (!this.resolveQueued) return;
      this.resolveQueued = false;
      this.resolveAndNotify();
    });
  }

  /** The nearest ancestor that is not inline: a change anywhere inside it can change its passage. */
  private passageRoot(node: Node): Node | null {
    let element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    while (element && isInlineElement(element) && element.parentElement) element = element.parentElement;
    return element ?? node.parentNode;
  }

  /** Forgets the blocks of a subtree; says whether any of them held a match. */
  private forgetSubtree(node: Node): boolean {
    let hadMatches = false;
    const forget = (text: Node) => {
      const live = this.blockOfNode.get(text as Text);
      if (!live) return;
      hadMatches ||= live.matches.length > 0;
      this.unregister(live);
    };
    if (node.nodeType === 3) {
      forget(node);
      return hadMatches;
    }
    const walker = this.options.root.createTreeWalker(node, 0x4 /* SHOW_TEXT */);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) forget(text);
    return hadMatches;
  }
}
