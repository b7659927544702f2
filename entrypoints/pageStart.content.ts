import { prefetchPackagedNameIndex, PACKAGED_NAME_INDEX_PATH } from '@/lib/dataset/packagedNameIndex';
import { CONTENT_MATCHES, isForeignFrame } from '@/lib/page/contentScope';
import { installEarlyHighlightStyles, supportsHighlights } from '@/lib/page/highlights';

/**
 * What is cheapest done as the page starts loading: reading the name index from the package (see
 * lib/dataset/packagedNameIndex.ts) and adopting the highlight style while there is nothing yet
 * to restyle (see installEarlyHighlightStyles). The main content script takes both over.
 */
export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_start',
  allFrames: true,
  main() {
    if (isForeignFrame(window)) return;
    // Added to the package by a build hook, so WXT's list of public paths does not know it.
    const runtime = browser.runtime as unknown as { getURL(path: string): string };
    prefetchPackagedNameIndex(runtime.getURL(PACKAGED_NAME_INDEX_PATH));
    if (supportsHighlights(window)) installEarlyHighlightStyles(document);
  },
});
