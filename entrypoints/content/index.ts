import entityCardCss from '@/lib/ui/entityCard.css?inline';
import { startAnnotating } from './annotatePage';
import { startHoverCards } from './hoverCards';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const page = startAnnotating(ctx, document);
    if (!page) return;
    startHoverCards(ctx, document, page, entityCardCss);
  },
});
