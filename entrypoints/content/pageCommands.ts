import { compareRangeStarts } from '@/lib/page/rangeGeometry';
import { handleMessages, type ContentProtocol, type PageEntity } from '@/lib/messaging/protocol';
import { recordSightings } from '@/lib/research/history';
import { historyItem, type Settings } from '@/lib/storage/items';
import type { AnnotatedPage, LiveMention } from './annotatePage';
import type { HoverCards } from './hoverCards';

function inReadingOrder(mentions: LiveMention[]): LiveMention[] {
  return [...mentions].sort((a, b) => compareRangeStarts(a.range, b.range));
}

/**
 * What other parts of Backstory ask of a tab: step through its names from the keyboard, list them
 * for the popup, show one; and, once read, note where the reader met each name.
 */
export function startPageCommands(
  page: AnnotatedPage,
  cards: HoverCards,
  settings: () => Settings,
  signal: AbortSignal,
): void {
  let stepIndex = -1;
  const lastShown = new Map<string, number>();

  const reveal = async (mention: LiveMention, focus: boolean) => {
    mention.element.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await cards.open(mention, { focus });
  };

  const stopHandling = handleMessages<Omit<ContentProtocol, 'getPageInfo'>>({
    stepMention: async ({ direction }) => {
      const ordered = inReadingOrder(page.annotator.mentions);
      if (ordered.length === 0) return false;
      stepIndex = (stepIndex + direction + ordered.length) % ordered.length;
      await reveal(ordered[stepIndex]!, true);
      return true;
    },
    getPageEntities: () => {
      const counts = new Map<string, PageEntity>();
      for (const mention of page.annotator.mentions) {
        const entry = counts.get(mention.entityId) ?? { id: mention.entityId, name: page.nameOf(mention.entityId), type: mention.type, count: 0 };
        entry.count++;
        counts.set(mention.entityId, entry);
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    },
    showEntityCard: async ({ entityId }) => {
      const selection = document.getSelection();
      const rect = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).getBoundingClientRect() : undefined;
      const anchor = rect && rect.width + rect.height > 0 ? rect : new DOMRect(innerWidth / 2 - 100, 80, 200, 0);
      return cards.openEntityAt(entityId, anchor);
    },
    showMention: async ({ entityId }) => {
      const ordered = inReadingOrder(page.annotator.mentions.filter((m) => m.entityId === entityId));
      if (ordered.length === 0) return false;
      const index = ((lastShown.get(entityId) ?? -1) + 1) % ordered.length;
      lastShown.set(entityId, index);
      await reveal(ordered[index]!, false);
      return true;
    },
  });
  signal.addEventListener('abort', stopHandling);

  void page.ready.then(async () => {
    const current = settings();
    if (!current.historyEnabled || signal.aborted) return;
    const counts = new Map<string, number>();
    for (const mention of page.annotator.mentions) counts.set(mention.entityId, (counts.get(mention.entityId) ?? 0) + 1);
    if (counts.size === 0) return;
    const history = await historyItem.getValue();
    const next = recordSightings(history, counts, { url: location.href, title: document.title || location.href }, new Date(), current.historyRetentionDays);
    await historyItem.setValue(next).catch((error) => console.warn('Backstory could not save reading history:', error));
  });
}
