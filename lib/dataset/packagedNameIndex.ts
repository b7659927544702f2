import type { NameIndex } from './compiled';

/** Where the build puts the compiled name index in the extension package (see wxt.config.ts). */
export const PACKAGED_NAME_INDEX_PATH = '/name-index.json';

/**
 * The content scripts read the name index from the package rather than bundling it: half a
 * megabyte of JSON inside the script had to be compiled with it, in one task of 50-90 ms on every
 * page. A small script at document_start starts the read (prefetchPackagedNameIndex); by the time
 * the main script runs at document_idle the text is there, and it only parses it.
 */
const PREFETCHED_KEY = '__backstoryNameIndexText';

type Scope = Record<string, unknown>;

async function readText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the packaged name index could not be read (${response.status})`);
  return response.text();
}

/** Starts reading the index for the main content script of this frame (they share one global scope). */
export function prefetchPackagedNameIndex(url: string, scope: object = globalThis): void {
  const shared = scope as Scope;
  if (shared[PREFETCHED_KEY]) return;
  const text = readText(url);
  // A frame the main script skips never awaits it: its failure is not worth a console error there.
  text.catch(() => undefined);
  shared[PREFETCHED_KEY] = text;
}

/**
 * The packaged index, parsed: from the read started at document_start when there is one (it is
 * then let go, so the text does not stay in memory), else read now.
 */
export async function loadPackagedNameIndex(url: string, scope: object = globalThis): Promise<NameIndex> {
  const shared = scope as Scope;
  const prefetched = shared[PREFETCHED_KEY] as Promise<string> | undefined;
  delete shared[PREFETCHED_KEY];
  return JSON.parse(await (prefetched ?? readText(url))) as NameIndex;
}
