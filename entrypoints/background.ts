import { createCardLookup } from '@/lib/dataset/cardData';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { handleMessages } from '@/lib/messaging/protocol';

// The background holds the full records once, so no tab carries them.
export default defineBackground(() => {
  let lookup: ReturnType<typeof createCardLookup> | undefined;
  const cardLookup = () => (lookup ??= createCardLookup(loadBundledRecords()));
  handleMessages({
    getEntityCard: ({ id }) => cardLookup()(id),
  });
});
