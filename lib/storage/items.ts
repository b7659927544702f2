import { storage } from 'wxt/utils/storage';
import type { DataPack } from '../dataset/packs';
import type { EntityType } from '../dataset/schema';

/**
 * Every item Backstory stores, in one place, each versioned from the start so that a later shape
 * can migrate what readers already saved. Everything is local to the browser.
 */

export type HighlightStyle = 'underline' | 'tint' | 'off';

export interface Settings {
  /** Pointer rest before a card opens; 0 opens at once. */
  hoverDelayMs: number;
  highlightStyle: HighlightStyle;
  firstMentionOnly: boolean;
  kinds: Record<EntityType, boolean>;
  /** Everywhere, or only on the sites in `enabledSites`. */
  siteMode: 'all' | 'listed';
  /** Host names (a name covers its subdomains) where Backstory runs when `siteMode` is "listed". */
  enabledSites: string[];
  /** Host names where Backstory stays off, whatever the mode. */
  disabledSites: string[];
  historyEnabled: boolean;
  historyRetentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 250,
  highlightStyle: 'underline',
  firstMentionOnly: false,
  kinds: { person: true, organization: true, place: true, event: true },
  siteMode: 'all',
  enabledSites: [],
  disabledSites: [],
  historyEnabled: true,
  historyRetentionDays: 90,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** "Not this": per site, the links the reader dismissed, as entity id and folded surface text. */
export interface Dismissal {
  entityId: string;
  text: string;
}

export const dismissalsItem = storage.defineItem<Record<string, Dismissal[]>>('local:dismissals', {
  fallback: {},
  version: 1,
});

/** Settings as stored may predate a field; missing fields take their defaults. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    kinds: { ...DEFAULT_SETTINGS.kinds, ...stored?.kinds },
  };
}

/** A saved card or quote, with where it was found. */
export interface Note {
  id: string;
  entityId?: string;
  entityName?: string;
  quote?: string;
  comment: string;
  tags: string[];
  pageTitle: string;
  pageUrl: string;
  createdAt: string;
  updatedAt: string;
}

export const notesItem = storage.defineItem<Note[]>('local:notes', {
  fallback: [],
  version: 1,
});

/** Where the reader met each entity: a page visit per entity, newest first, kept locally. */
export interface Sighting {
  url: string;
  title: string;
  /** ISO date-time of the visit. */
  seenAt: string;
  mentions: number;
}

export const historyItem = storage.defineItem<Record<string, Sighting[]>>('local:history', {
  fallback: {},
  version: 1,
});

/** Text handed from the context menu to the popup's search box, read once. */
export const pendingQueryItem = storage.defineItem<string | null>('local:pendingQuery', {
  fallback: null,
});

export const packsItem = storage.defineItem<DataPack[]>('local:packs', {
  fallback: [],
  version: 1,
});

/** The entity the research desk should show, set by "Open in side panel" on a card. */
export const deskSelectionItem = storage.defineItem<string | null>('local:deskSelection', {
  fallback: null,
});
