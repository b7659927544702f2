import type { NameIndex } from './compiled';

/** Where the build puts the compiled name index in the extension package (see wxt.config.ts). */
export const PACKAGED_NAME_INDEX_PATH = '/name-index.json';

/**
 * The content scripts read the name index from the package rather than bundling it: half a
 * megabyte of JSON inside the script had to be compiled with it, in one task of 50-90 ms on every
 * page. A small script at document_start starts the read and parses the text as soon as it
 * arrives, in a task of its own while the page loads (prefetchPackagedNameIndex); the main script,
 * at document_idle, takes the result over.
 */
const PREFETCHED_KEY = '__backstoryNameIndex';

type Scope = Record<string, unknown>;

async function readIndex(url: string): Promise<NameIndex> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the packaged name index could not be read (${response.status})`);
  return JSON.parse(await response.text()) as NameIndex;
}

/** Starts reading the index for the main content script of this frame (they share one global scope). */
export function prefetchPackagedNameIndex(url: string, scope: object = globalThis): void {
  const shared = scope as Scope;
  if (shared[PREFETCHED_KEY]) return;
  const index = readIndex(url);
  // A frame the main script skips never awaits it: its failure is not worth a console error there.
  index.catch(() => undefined);
  shared[PREFETCHED_KEY] = index;
}

/**
 * The packaged index: the one read at document_start when there is one (then let go, so that a
 * page where Backstory is off does not keep it), else read now.
 */
export function loadPackagedNameIndex(url: string, scope: object = globalThis): Promise<NameIndex> {
  const shared = scope as Scope;
  const prefetched = shared[PREFETCHED_KEY] as Promise<NameIndex> | undefined;
  delete shared[PREFETCHED_KEY];
  return prefetched ?? readIndex(url);
}
