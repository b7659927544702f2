import type { EntityCardData } from '@/lib/dataset/cardData';
import { foldForMatching } from '@/lib/matcher/normalize';
import { formatCitation } from '@/lib/research/citation';
import { sendMessage } from '@/lib/messaging/protocol';
import { saveNote } from '@/lib/research/notes';
import { dismissalsItem } from '@/lib/storage/items';
import type { CardAction } from '@/lib/ui/EntityCard';
import type { LiveMention } from './annotatePage';

/** The sentence around a mention, kept with a saved note as its quote. */
function sentenceAround(mention: LiveMention | undefined): string | undefined {
  const text = mention?.element.textContent?.replace(/\s+/g, ' ').trim();
  if (!mention || !text) return undefined;
  const at = text.indexOf(mention.text);
  if (at < 0) return text.slice(0, 280);
  const start = Math.max(0, text.lastIndexOf('. ', at) + 2);
  const endDot = text.indexOf('. ', at + mention.text.length);
  return text.slice(start === 1 ? 0 : start, endDot < 0 ? undefined : endDot + 1).slice(0, 400);
}

async function copyText(doc: Document, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Plain-http pages have no async clipboard; the old copy command still works on a click.
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('data-backstory-ui', '');
    Object.assign(area.style, { position: 'fixed', opacity: '0', top: '0', left: '0' });
    doc.documentElement.append(area);
    area.select();
    const copied = doc.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('the browser refused to copy');
  }
}

/** What the card's footer offers on a page: save, cite, and "not this" for a wrong link. */
export function createCardActions(doc: Document, activeMention: () => LiveMention | undefined): CardAction[] {
  const page = () => ({ title: doc.title || location.href, url: location.href });
  return [
    {
      id: 'save',
      label: 'Save',
      hint: 'Save this card to your notes, with the sentence it was in',
      run: async ({ record }: EntityCardData) => {
        const mention = activeMention();
        await saveNote({
          entityId: record.id,
          entityName: record.name,
          quote: mention?.entityId === record.id ? sentenceAround(mention) : undefined,
          comment: '',
          tags: [],
          pageTitle: page().title,
          pageUrl: page().url,
        });
        return 'Saved to notes.';
      },
    },
    {
      id: 'cite',
      label: 'Cite',
      hint: 'Copy a citation of this card and its sources',
      run: async ({ record }: EntityCardData) => {
        await copyText(doc, formatCitation(record, page()));
        return 'Citation copied.';
      },
    },
    {
      id: 'desk',
      label: 'Side panel',
      hint: 'Open this card in the research desk',
      run: async ({ record }: EntityCardData) =>
        (await sendMessage('openInSidePanel', { entityId: record.id }))
          ? undefined
          : 'Open the research desk from the Backstory toolbar button to see this card there.',
    },
    {
      id: 'not-this',
      label: 'Not this',
      hint: 'This name does not mean this here: stop linking it on this site',
      run: async ({ record }: EntityCardData) => {
        const mention = activeMention();
        if (!mention || mention.entityId !== record.id) return 'Open a marked name to say it is not this.';
        const site = location.hostname;
        const all = await dismissalsItem.getValue();
        const text = foldForMatching(mention.text);
        const existing = all[site] ?? [];
        if (!existing.some((d) => d.entityId === record.id && d.text === text)) {
          await dismissalsItem.setValue({ ...all, [site]: [...existing, { entityId: record.id, text }] });
        }
        return `“${mention.text}” will no longer link to ${record.name} on ${site}.`;
      },
    },
  ];
}
