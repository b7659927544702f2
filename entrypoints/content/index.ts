import entityCardCss from '@/lib/ui/entityCard.css?inline';
import { dismissalsItem, settingsItem, withDefaults } from '@/lib/storage/items';
import { startAnnotating } from './annotatePage';
import { createCardActions } from './cardActions';
import { startHoverCards, type HoverCards } from './hoverCards';
import { startPageCommands } from './pageCommands';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const site = location.hostname;
    const [storedSettings, dismissals] = await Promise.all([settingsItem.getValue(), dismissalsItem.getValue()]);
    let settings = withDefaults(storedSettings);
    if (settings.disabledSites.includes(site)) return;
    const page = startAnnotating(ctx, document, settings, dismissals[site] ?? []);
    if (!page) return;
    // The actions need the card's mention, and the cards need the actions: tie the knot lazily.
    let cards: HoverCards | undefined;
    const actions = createCardActions(document, () => cards?.activeMention());
    cards = startHoverCards(ctx, document, page, entityCardCss, () => settings.hoverDelayMs, actions);
    startPageCommands(ctx, page, cards, () => settings);

    const unwatchSettings = settingsItem.watch((next) => {
      settings = withDefaults(next);
      // Switched off for this site: take every mark and the card away at once.
      if (settings.disabledSites.includes(site)) ctx.abort();
      else page.applySettings(settings);
    });
    const unwatchDismissals = dismissalsItem.watch((next) => page.setDismissals(next?.[site] ?? []));
    ctx.onInvalidated(() => {
      unwatchSettings();
      unwatchDismissals();
    });
  },
});
