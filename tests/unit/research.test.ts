import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBundledRecords } from '../../lib/dataset/bundledDataset';
import { nameIndexWithPacks, parsePack, withPacks } from '../../lib/dataset/packs';
import { formatCitation } from '../../lib/research/citation';
import { mergeResearch, notesToCsv, parseJsonExport, toJson, toMarkdown } from '../../lib/research/exportData';
import { recordSightings } from '../../lib/research/history';
import { NotesQuotaError, saveNote } from '../../lib/research/notes';
import { notesItem, settingsItem, withDefaults, type Note } from '../../lib/storage/items';
import { isSiteEnabled, setSiteEnabled } from '../../lib/storage/siteSwitch';
import { readGeneratedNameIndex } from '../../scripts/generatedDataset';
import { entity } from './tinyDataset';

const note = (id: string, extra: Partial<Note> = {}): Note => ({
  id,
  entityId: 'lydia-khalil',
  entityName: 'Lydia Khalil',
  quote: 'Khalil said, "more attacks", and left.',
  comment: 'A comment, with a comma',
  tags: ['isis-k'],
  pageTitle: 'Page',
  pageUrl: 'https://news.example/a',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  ...extra,
});

beforeEach(() => fakeBrowser.reset());

describe('storage', () => {
  it('fills settings saved by an older version with the defaults of new fields', () => {
    const settings = withDefaults({ hoverDelayMs: 400, kinds: { person: false } } as never);
    expect(settings.hoverDelayMs).toBe(400);
    expect(settings.kinds).toEqual({ person: false, organization: true, place: true, event: true });
    expect(settings.historyRetentionDays).toBe(90);
  });

  it('runs everywhere but the blocklist, or only on listed sites and their subdomains', () => {
    const all = withDefaults({ disabledSites: ['ads.example'] });
    expect(isSiteEnabled(all, 'news.example')).toBe(true);
    expect(isSiteEnabled(all, 'cdn.ads.example')).toBe(false);
    const listed = withDefaults({ siteMode: 'listed', enabledSites: ['bbc.co.uk'], disabledSites: ['sport.bbc.co.uk'] });
    expect(isSiteEnabled(listed, 'www.bbc.co.uk')).toBe(true);
    expect(isSiteEnabled(listed, 'sport.bbc.co.uk')).toBe(false);
    expect(isSiteEnabled(listed, 'notbbc.co.uk')).toBe(false);
  });

  it('switches a site off and on again', async () => {
    await setSiteEnabled('news.example', false);
    expect(withDefaults(await settingsItem.getValue()).disabledSites).toEqual(['news.example']);
    await setSiteEnabled('news.example', true);
    expect(withDefaults(await settingsItem.getValue()).disabledSites).toEqual([]);
  });

  it('saves notes newest first and reports a full storage instead of losing the note silently', async () => {
    await saveNote({ comment: 'first', tags: [], pageTitle: 'A', pageUrl: 'https://a.example' }, new Date('2026-01-01'));
    await saveNote({ comment: 'second', tags: [], pageTitle: 'B', pageUrl: 'https://b.example' }, new Date('2026-01-02'));
    expect((await notesItem.getValue()).map((n) => n.comment)).toEqual(['second', 'first']);
    const spy = vi.spyOn(notesItem, 'setValue').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(saveNote({ comment: 'third', tags: [], pageTitle: 'C', pageUrl: 'https://c.example' })).rejects.toBeInstanceOf(NotesQuotaError);
    spy.mockRestore();
    expect((await notesItem.getValue()).map((n) => n.comment)).toEqual(['second', 'first']);
  });
});

describe('reading history', () => {
  it('keeps one sighting per entity per page, newest first, within the retention period', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const old = { url: 'https://old.example', title: 'Old', seenAt: '2026-01-01T00:00:00Z', mentions: 1 };
    const recent = { url: 'https://a.example', title: 'A', seenAt: '2026-11-20T00:00:00Z', mentions: 3 };
    const next = recordSightings({ kabul: [recent, old] }, new Map([['kabul', 2]]), { url: 'https://b.example', title: 'B' }, now, 90);
    expect(next.kabul!.map((s) => s.url)).toEqual(['https://b.example', 'https://a.example']);
    const again = recordSightings(next, new Map([['kabul', 5]]), { url: 'https://b.example', title: 'B' }, now, 90);
    expect(again.kabul!.filter((s) => s.url === 'https://b.example')).toHaveLength(1);
  });
});

describe('exports', () => {
  const data = { notes: [note('n1'), note('n2', { quote: undefined, tags: [] })], history: { kabul: [{ url: 'https://a.example', title: 'A', seenAt: '2026-11-20T00:00:00.000Z', mentions: 2 }] } };

  it('round-trips notes and history through JSON exactly', () => {
    const parsed = parseJsonExport(toJson(data));
    expect(parsed).toEqual({ ok: true, data });
  });

  it('names the first bad field of a file that is not a valid export', () => {
    expect(parseJsonExport('not json')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not a JSON file/) });
    const broken = JSON.parse(toJson(data));
    broken.notes[1].createdAt = 'yesterday';
    expect(parseJsonExport(JSON.stringify(broken))).toEqual({ ok: false, error: expect.stringContaining('notes[1].createdAt') });
  });

  it('merges an import over what is stored, the imported note winning', () => {
    const merged = mergeResearch({ notes: [note('n1', { comment: 'old' }), note('n3')], history: {} }, data);
    expect(merged.notes.map((n) => [n.id, n.comment])).toEqual([
      ['n1', 'A comment, with a comma'],
      ['n2', 'A comment, with a comma'],
      ['n3', 'A comment, with a comma'],
    ]);
  });

  it('writes CSV that quotes commas and quotes, and readable Markdown', () => {
    const csv = notesToCsv(data.notes);
    expect(csv.split('\n')[0]).toBe('id,entity_id,entity_name,quote,comment,tags,page_title,page_url,created_at,updated_at');
    expect(csv).toContain('"Khalil said, ""more attacks"", and left."');
    const markdown = toMarkdown(data, (id) => (id === 'kabul' ? 'Kabul' : id));
    expect(markdown).toContain('## Lydia Khalil — Page');
    expect(markdown).toContain('> Khalil said, "more attacks", and left.');
    expect(markdown).toContain('## Kabul');
  });

  it('cites a record with its sources and the page it was met on', () => {
    const [record] = loadBundledRecords().filter((r) => r.id === 'lydia-khalil');
    const citation = formatCitation(record!, { title: 'Page', url: 'https://news.example/a' });
    expect(citation).toMatch(/^Lydia Khalil — /);
    expect(citation).toContain(record!.sources[0]!.url);
    expect(citation).toContain('Seen on: Page <https://news.example/a>');
  });
});

describe('data packs', () => {
  const bundled = loadBundledRecords();
  const newcomer = entity('zarang-collective', 'organization', 'Zarang Collective', ['ZRC'], { related: [{ id: 'kabul', relation: 'located-in' }] });

  it('accepts a valid pack and adds its entities to cards, search and matching', () => {
    const result = parsePack(JSON.stringify({ name: 'Mine', entities: [newcomer] }), 'mine.json', bundled);
    expect(result).toMatchObject({ ok: true, pack: { name: 'Mine', enabled: true } });
    if (!result.ok) return;
    const records = withPacks(bundled, [result.pack]);
    expect(records.find((r) => r.id === 'kabul')!.related).toContainEqual({ id: 'zarang-collective', relation: 'location-of' });
    const index = nameIndexWithPacks(readGeneratedNameIndex(), [result.pack]);
    const added = index.entities.findIndex((e) => e.id === 'zarang-collective');
    expect(index.aliases.some((alias) => alias.entity === added && alias.key === 'zrc')).toBe(true);
    expect(index.entities[added]!.related).toContain(index.entities.findIndex((e) => e.id === 'kabul'));
    expect(nameIndexWithPacks(readGeneratedNameIndex(), [{ ...result.pack, enabled: false }]).entities).toHaveLength(index.entities.length - 1);
  });

  it('rejects a pack naming the first bad record and field', () => {
    const bad = { ...newcomer, id: 'second', name: 'Second', sources: [{ title: 't', publisher: 'p', url: 'javascript:alert(1)', accessed: '2026-11-27' }] };
    expect(parsePack(JSON.stringify([newcomer, bad]), 'pack.json', bundled)).toEqual({
      ok: false,
      error: 'pack.json › second (record 2) › sources[0].url: must be an http(s) URL',
    });
    expect(parsePack(JSON.stringify([{ ...newcomer, id: 'kabul' }]), 'pack.json', bundled)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/pack\.json › kabul \(record 1\) › id: duplicate id/),
    });
    expect(parsePack('{"entities": 3}', 'pack.json', bundled)).toMatchObject({ ok: false });
    expect(parsePack('[', 'pack.json', bundled)).toMatchObject({ ok: false, error: expect.stringMatching(/not JSON/) });
  });
});
