import type { EntityType } from '../dataset/schema';
import { findMatches, type Matcher, type TextMatch } from '../matcher/findMatches';
import { isInlineElement, markRangeForBlockSpan, shadowHostsOf, textBlocksOf, type TextBlock } from '../page/textBlocks';
import { definiteEntity, fixedEntity, fixedReason, noteEvidence, resolveMentions, type MatchOnPage } from '../resolve/resolveMentions';

/**
 * The pipeline on a live page: the visible part of the page first, the rest in small slices of
 * idle time, and afterwards only what the page adds or changes — never a rescan of everything.
 * It keeps a page-wide view so that "one page, one meaning" holds as content arrives.
 */

export interface LiveMention {
  key: string;
  /** A StaticRange in browsers (see markRangeForBlockSpan). */
  range: AbstractRange;
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
  /** Per match: the entity it names whatever the page says (fixedEntity), or -1 when the page decides. */
  fixed: number[];
  /** Keys of this block's mentions, shown or waiting to be. */
  keys: Set<string>;
}

/** A decided link waiting to be handed to the page. */
interface PendingMention {
  live: LiveBlock;
  match: TextMatch;
  entity: number;
  reason: string;
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
  /** How often, while the first reading goes on, the links found so far are decided and shown. */
  decisionIntervalMs?: number;
  /** Called when the last mark of a change has been handed over (for timing what a change costs). */
  onSettled?: () => void;
}

const MUTATION_BATCH_MS = 30;
/** How often, while the first reading goes on, the links found so far are decided and shown. */
const DECISION_INTERVAL_MS = 250;
/** How many new marks are handed to the page in one task. */
const DELIVERY_CHUNK = 200;
/** When to look again for shadow roots attached after the first reading. */
const LATE_SHADOW_CHECKS_MS = [300, 1_000, 3_000, 8_000];

/** Whether the node is part of the running text of its parent's passage. */
function isPassageText(node: Node | null): boolean {
  if (!node) return false;
  if (node.nodeType === 3) return /\S/.test(node.nodeValue ?? '');
  return node.nodeType === 1 && (isInlineElement(node as Element) || (node as Element).tagName === 'BR');
}

function changesPassageAround(record: MutationRecord): boolean {
  if (record.addedNodes.length === 0 && record.removedNodes.length === 0) return false;
  for (const node of record.addedNodes) if (isPassageText(node)) return true;
  for (const node of record.removedNodes) if (isPassageText(node)) return true;
  return isPassageText(record.previousSibling) || isPassageText(record.nextSibling);
}

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
  private readonly shadowlessHosts = new Set<Element>();
  /**
   * The page-wide decision is kept up to date piece by piece: most names are fixed the moment
   * they are matched, and only the blocks with a name in doubt are decided again, against
   * evidence (where each entity is named beyond doubt) kept as blocks come and go.
   */
  private readonly evidence = new Map<number, number[]>();
  private evidenceStale = false;
  private readonly doubtfulBlocks = new Set<LiveBlock>();
  /** Keys of the mentions (shown or queued) that a page-wide decision made, with their block. */
  private readonly decided = new Map<string, LiveBlock>();
  /** Decided mentions not yet handed to the page, in the order they were decided. */
  private readonly queue = new Map<string, PendingMention>();
  private pumpScheduled = false;
  private pendingRemoved: LiveMention[] = [];

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
    const blocks: Iterator<LiveBlock | undefined> =
      view && view.scrollY > view.innerHeight ? this.viewportFirst(this.collect(body)).values() : this.blocksOf(body);
    for (const delay of LATE_SHADOW_CHECKS_MS) {
      this.options.scheduler.later(() => this.stopped || this.recheckLateShadowRoots(), delay);
    }
    return new Promise((resolve) => {
      let lastDecision = -Infinity;
      // A decision gets a task of its own after a slice, so that the two never add up to a long task.
      const decideThen = (next: () => void) =>
        this.options.scheduler.later(() => {
          if (!this.stopped) this.resolveAndNotify();
          lastDecision = performance.now();
          next();
        }, 0);
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
          if (next.value) this.matchBlock(next.value);
        }
        const continueReading = () => (done ? resolve() : this.options.scheduler.idle(work));
        // Deciding is page-wide, so it runs after the first slice (the screen, at once), every so often, and at the end.
        if (lastDecision === -Infinity) {
          this.resolveAndNotify();
          lastDecision = performance.now();
          continueReading();
        } else if (done || performance.now() - lastDecision > (this.options.decisionIntervalMs ?? DECISION_INTERVAL_MS)) {
          decideThen(continueReading);
        } else {
          continueReading();
        }
      };
      // The first slice runs now: what the reader is looking at is marked without waiting for idle time.
      work(() => this.sliceMs);
    });
  }

  /** Registers the passages of `root` (and of open shadow roots in it) as the walk reaches them. */
  private *blocksOf(root: Node): Generator<LiveBlock | undefined> {
    for (const block of textBlocksOf(root)) yield this.register(block);
    const shadowRoots: ShadowRoot[] = [];
    // Undefined steps are pauses in the walk for shadow hosts, so that a slice can end there.
    for (const host of shadowHostsOf(root)) {
      if (host) this.noteElement(host, shadowRoots);
      else yield undefined;
    }
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
    this.evidence.clear();
    this.evidenceStale = false;
    this.doubtfulBlocks.clear();
    this.decided.clear();
    this.queue.clear();
    this.pendingRemoved = [];
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
    for (const live of this.blocks.values()) {
      live.matches.forEach((match, i) => {
        const entity = live.fixed[i]!;
        if (entity < 0) return;
        const key = this.keyOf(live, match, entity);
        if (this.isDismissedMatch(live, match, entity)) this.withdraw(key, live);
        else this.offer(key, { live, match, entity, reason: fixedReason(match) });
      });
    }
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
    return [...this.blocksOf(root)].filter((live) => live !== undefined);
  }

  private register(block: TextBlock): LiveBlock {
    const first = block.segments[0]!.node;
    const live: LiveBlock = {
      id: this.nextBlockId++,
      order: this.nextOrder++,
      block,
      element: passageElement(first) ?? this.options.root.documentElement,
      matches: [],
      fixed: [],
      keys: new Set(),
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
    this.doubtfulBlocks.delete(live);
    if (live.matches.length > 0) this.evidenceStale = true;
    for (const key of [...live.keys]) this.withdraw(key, live);
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
    const { index } = this.options.matcher;
    live.matches = findMatches(this.options.matcher, live.block.text);
    live.fixed = live.matches.map((match) => fixedEntity(index, match));
    live.matches.forEach((match, i) => {
      const named = definiteEntity(index, match);
      if (named >= 0 && !this.evidenceStale) noteEvidence(this.evidence, named, this.positionOf(live, match));
      const entity = live.fixed[i]!;
      if (entity < 0) this.doubtfulBlocks.add(live);
      else if (!this.isDismissedMatch(live, match, entity)) {
        this.offer(this.keyOf(live, match, entity), { live, match, entity, reason: fixedReason(match) });
      }
    });
  }

  private positionOf(live: LiveBlock, match: TextMatch): number {
    return live.order * 1e7 + match.start;
  }

  private keyOf(live: LiveBlock, match: TextMatch, entity: number): string {
    return `${live.id}:${match.start}:${match.end}:${this.options.matcher.index.entities[entity]!.id}`;
  }

  private isDismissedMatch(live: LiveBlock, match: TextMatch, entity: number): boolean {
    const { isDismissed, matcher } = this.options;
    return isDismissed?.(matcher.index.entities[entity]!.id, live.block.text.slice(match.start, match.end)) ?? false;
  }

  /** Queues a decided mention unless it is shown or queued already. */
  private offer(key: string, pending: PendingMention): void {
    if (this.current.has(key) || this.queue.has(key)) return;
    this.queue.set(key, pending);
    pending.live.keys.add(key);
  }

  /** Takes a mention back, whether shown (the page hears of it at the next decision) or only queued. */
  private withdraw(key: string, live: LiveBlock): void {
    live.keys.delete(key);
    this.queue.delete(key);
    this.decided.delete(key);
    const shown = this.current.get(key);
    if (shown) {
      this.current.delete(key);
      this.pendingRemoved.push(shown);
    }
  }

  private rebuildEvidence(): void {
    const { index } = this.options.matcher;
    this.evidence.clear();
    for (const live of this.blocks.values()) {
      for (const match of live.matches) {
        const named = definiteEntity(index, match);
        if (named >= 0) noteEvidence(this.evidence, named, this.positionOf(live, match));
      }
    }
    this.evidenceStale = false;
  }

  /** Decides the names in doubt against the page as it stands, then hands over what changed. */
  private resolveAndNotify(): void {
    const { matcher } = this.options;
    if (this.evidenceStale) this.rebuildEvidence();
    const spans: (MatchOnPage & { live: LiveBlock; match: TextMatch })[] = [];
    for (const live of this.doubtfulBlocks) {
      live.matches.forEach((match, i) => {
        if (live.fixed[i]! >= 0) return;
        spans.push({ position: this.positionOf(live, match), aliases: match.aliases, titled: match.titled, shadows: match.shadows, asProvince: match.asProvince, located: match.located, live, match });
      });
    }
    const resolutions = resolveMentions(matcher.index, spans, this.evidence);
    const next = new Map<string, PendingMention>();
    resolutions.forEach((resolution, i) => {
      if (resolution.entity === undefined) return;
      const { live, match } = spans[i]!;
      if (this.isDismissedMatch(live, match, resolution.entity)) return;
      next.set(this.keyOf(live, match, resolution.entity), { live, match, entity: resolution.entity, reason: resolution.reason });
    });
    for (const [key, live] of this.decided) {
      if (!next.has(key)) this.withdraw(key, live);
    }
    for (const [key, pending] of next) {
      if (this.decided.has(key)) continue;
      this.decided.set(key, pending.live);
      this.offer(key, pending);
    }
    const removed = this.pendingRemoved;
    this.pendingRemoved = [];
    if (removed.length > 0) this.options.onChange([], removed);
    this.pump();
  }

  /**
   * Hands queued mentions to the page a few hundred at a time, so that no task grows long when
   * thousands arrive at once (a long page read to its end).
   */
  private pump(): void {
    if (this.stopped) return;
    const { matcher, root } = this.options;
    const added: LiveMention[] = [];
    for (const [key, { live, match, entity, reason }] of this.queue) {
      if (added.length >= DELIVERY_CHUNK) break;
      this.queue.delete(key);
      const record = matcher.index.entities[entity]!;
      const mention: LiveMention = {
        key,
        range: markRangeForBlockSpan(root, live.block, match.start, match.end),
        entityId: record.id,
        type: record.type,
        text: live.block.text.slice(match.start, match.end),
        element: live.element,
        reason,
      };
      this.current.set(key, mention);
      added.push(mention);
    }
    if (added.length > 0) this.options.onChange(added, []);
    if (this.queue.size === 0 && added.length > 0) this.options.onSettled?.();
    if (this.queue.size > 0 && !this.pumpScheduled) {
      this.pumpScheduled = true;
      this.options.scheduler.later(() => {
        this.pumpScheduled = false;
        this.pump();
      }, 0);
    }
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
      for (const node of record.addedNodes) {
        // Whitespace between blocks holds no name (and would stand for its whole parent's passage).
        if (node.nodeType !== 3 || isPassageText(node)) this.pendingRoots.add(node);
      }
      // Text or inline elements inserted inside a passage change that passage's text around them, and
      // so does a block put between two runs of its text. Paragraphs added to an article do neither:
      // reading the article again would make every appended paragraph cost a rescan of the page.
      if (changesPassageAround(record)) this.pendingRoots.add(record.target);
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
