import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPackagedNameIndex, prefetchPackagedNameIndex } from '../../lib/dataset/packagedNameIndex';

const URL = 'chrome-extension://test/name-index.json';

function serve(body: string, status = 200) {
  const fetchMock = vi.fn(async () => new Response(body, { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('the packaged name index', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is read once when prefetched, then let go by the script that parses it', async () => {
    const scope = {};
    const fetchMock = serve('{"version":1,"entities":[]}');
    prefetchPackagedNameIndex(URL, scope);
    prefetchPackagedNameIndex(URL, scope);
    expect(await loadPackagedNameIndex(URL, scope)).toEqual({ version: 1, entities: [] });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(Object.keys(scope)).toEqual([]);
    // A later reading (a data pack switched on) reads it again.
    await loadPackagedNameIndex(URL, scope);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('is read on the spot where nothing was prefetched, and a failed read says so', async () => {
    serve('{"version":1}');
    expect(await loadPackagedNameIndex(URL, {})).toEqual({ version: 1 });
    serve('missing', 404);
    await expect(loadPackagedNameIndex(URL, {})).rejects.toThrow(/could not be read \(404\)/);
  });
});
