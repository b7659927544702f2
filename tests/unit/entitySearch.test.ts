import { describe, expect, it } from 'vitest';
import { loadBundledRecords } from '../../lib/dataset/bundledDataset';
import { createRecordSearch } from '../../lib/search/entitySearch';

const search = createRecordSearch(loadBundledRecords());
const top = (query: string, type?: Parameters<typeof search.search>[1]) => search.search(query, type)[0]?.id;

describe('popup search over the bundled dataset', () => {
  it('forgives typos and word order', () => {
    expect(top('karzai airprt')).toBe('hamid-karzai-international-airport');
    expect(top('airport karzai')).toBe('hamid-karzai-international-airport');
    expect(top('lydia khalll')).toBe('lydia-khalil');
  });

  it('finds acronyms, aliases and names without their diacritics', () => {
    expect(top('UNAMA')).toBe('unama');
    expect(top('iskp')).toBe('isis-k');
    expect(top('dasht e barchi')).toMatch(/^dasht-e-barchi/);
  });

  it('filters by kind and returns nothing for an empty query', () => {
    expect(search.search('kabul', { type: 'event' }).every((hit) => hit.type === 'event')).toBe(true);
    expect(search.search('   ')).toEqual([]);
  });
});
