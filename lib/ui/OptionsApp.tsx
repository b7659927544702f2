import { useState } from 'preact/hooks';
import type { DataPack, PackResult } from '../dataset/packs';
import type { EntityType } from '../dataset/schema';
import type { HighlightStyle, Settings } from '../storage/items';
import { KIND_LABELS } from './KindIcon';

/** Settings and data packs. Every change is saved at once; errors are said, never swallowed. */
export interface OptionsAppProps {
  settings: Settings;
  packs: DataPack[];
  saveSettings: (settings: Settings) => Promise<void>;
  /** Validates a pack file in full; nothing is stored unless it is valid. */
  readPack: (text: string, fileName: string) => PackResult;
  savePacks: (packs: DataPack[]) => Promise<void>;
  exportPack: (pack: DataPack) => void;
  dark?: boolean;
}

const KINDS: EntityType[] = ['person', 'organization', 'place', 'event'];
const STYLES: [HighlightStyle, string][] = [
  ['underline', 'Underline'],
  ['tint', 'Background tint'],
  ['off', 'Off: no marks (turn Backstory off for a site below instead to stop it reading)'],
];

function siteList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((site) => site.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '')).filter(Boolean))];
}

export function OptionsApp({ settings, packs, saveSettings, readPack, savePacks, exportPack, dark = false }: OptionsAppProps) {
  const [status, setStatus] = useState('');
  const [packMessage, setPackMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sites, setSites] = useState(settings.disabledSites.join('\n'));
  const [allowed, setAllowed] = useState(settings.enabledSites.join('\n'));

  const save = async (next: Settings) => {
    try {
      await saveSettings(next);
      setStatus('Saved.');
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const importPack = async (file: File | undefined) => {
    if (!file) return;
    const result = readPack(await file.text(), file.name);
    if (!result.ok) {
      setPackMessage({ ok: false, text: `Not imported — nothing was changed. ${result.error}` });
      return;
    }
    try {
      await savePacks([...packs, result.pack]);
      setPackMessage({ ok: true, text: `Imported “${result.pack.name}”: ${result.pack.entities.length} entities.` });
    } catch (error) {
      setPackMessage({ ok: false, text: `Not imported, storage refused it: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <main class={`backstory-theme options${dark ? ' theme-dark' : ''}`}>
      <h1>Backstory options</h1>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>

      <section aria-labelledby="marks-heading">
        <h2 id="marks-heading">Marks on pages</h2>
        <fieldset>
          <legend>Kinds of names to mark</legend>
          {KINDS.map((kind) => (
            <label key={kind} class="check">
              <input
                type="checkbox"
                checked={settings.kinds[kind]}
                onChange={(e) => void save({ ...settings, kinds: { ...settings.kinds, [kind]: e.currentTarget.checked } })}
              />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        <label class="row">
          <span>Highlight style</span>
          <select value={settings.highlightStyle} onChange={(e) => void save({ ...settings, highlightStyle: e.currentTarget.value as HighlightStyle })}>
            {STYLES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={settings.firstMentionOnly} onChange={(e) => void save({ ...settings, firstMentionOnly: e.currentTarget.checked })} />
          Mark only the first mention of each name
        </label>
        <label class="row">
          <span>Hover delay before a card opens (ms)</span>
          <input
            type="number"
            min={0}
            max={2000}
            step={50}
            value={settings.hoverDelayMs}
            onChange={(e) => {
              const value = Number(e.currentTarget.value);
              if (Number.isFinite(value) && value >= 0 && value <= 2000) void save({ ...settings, hoverDelayMs: Math.round(value) });
              else setStatus('The hover delay must be between 0 and 2000 ms.');
            }}
          />
        </label>
      </section>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">Where Backstory runs</h2>
        <fieldset>
          <legend>Sites</legend>
          <label class="check">
            <input type="radio" name="site-mode" checked={settings.siteMode === 'all'} onChange={() => void save({ ...settings, siteMode: 'all' })} />
            On every site, except those below
          </label>
          <label class="check">
            <input type="radio" name="site-mode" checked={settings.siteMode === 'listed'} onChange={() => void save({ ...settings, siteMode: 'listed' })} />
            Only on the sites I list
          </label>
        </fieldset>
        {settings.siteMode === 'listed' && (
          <label class="stack">
            <span>Sites where Backstory runs: one host name per line (example.com covers www.example.com)</span>
            <textarea rows={4} value={allowed} onInput={(e) => setAllowed(e.currentTarget.value)} onBlur={() => void save({ ...settings, enabledSites: siteList(allowed) })} />
          </label>
        )}
        <label class="stack">
          <span>Sites where Backstory is always off: one host name per line</span>
          <textarea rows={4} value={sites} onInput={(e) => setSites(e.currentTarget.value)} onBlur={() => void save({ ...settings, disabledSites: siteList(sites) })} />
        </label>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Reading history</h2>
        <label class="check">
          <input type="checkbox" checked={settings.historyEnabled} onChange={(e) => void save({ ...settings, historyEnabled: e.currentTarget.checked })} />
          Remember the pages where I met each name (kept in this browser only)
        </label>
        <label class="row">
          <span>Keep history for (days)</span>
          <input
            type="number"
            min={1}
            max={3650}
            value={settings.historyRetentionDays}
            onChange={(e) => {
              const value = Number(e.currentTarget.value);
              if (Number.isInteger(value) && value >= 1 && value <= 3650) void save({ ...settings, historyRetentionDays: value });
              else setStatus('Keep history for 1 to 3650 days.');
            }}
          />
        </label>
      </section>

      <section aria-labelledby="packs-heading">
        <h2 id="packs-heading">Data packs</h2>
        <p class="hint">
          Add your own entities as a JSON file in the same format as Backstory's dataset: an array of records, or
          {' {"name": …, "entities": [ … ]}'}. A pack is checked in full before anything is stored.
        </p>
        <label class="action import">
          Import a pack…
          <input type="file" accept="application/json,.json" onChange={(e) => void importPack(e.currentTarget.files?.[0])} />
        </label>
        {packMessage && (
          <p class={packMessage.ok ? 'pack-ok' : 'pack-error'} role={packMessage.ok ? 'status' : 'alert'}>
            {packMessage.text}
          </p>
        )}
        {packs.length === 0 ? (
          <p class="hint">No packs imported.</p>
        ) : (
          <ul class="packs">
            {packs.map((pack) => (
              <li key={pack.id} class="pack">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={pack.enabled}
                    onChange={(e) => void savePacks(packs.map((p) => (p.id === pack.id ? { ...p, enabled: e.currentTarget.checked } : p)))}
                  />
                  <strong>{pack.name}</strong>
                </label>
                <span class="hint">
                  {pack.entities.length} entities · imported {pack.importedAt.slice(0, 10)}
                </span>
                <button type="button" class="action" onClick={() => exportPack(pack)}>
                  Export
                </button>
                <button type="button" class="danger" onClick={() => void savePacks(packs.filter((p) => p.id !== pack.id))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
