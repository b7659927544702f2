import { browser } from 'wxt/browser';
import type { EntityCardData } from '../dataset/cardData';
import type { EntityType } from '../dataset/schema';

/**
 * Every message between Backstory's contexts, typed in one place (Yomitan's habit): the content
 * script keeps only the name index and asks the background for whole records.
 */
export interface PageEntity {
  id: string;
  name: string;
  type: EntityType;
  count: number;
}

/** What the popup and side panel know of the tab they are about. */
export interface TabState {
  /** Host name, or undefined on pages Backstory cannot run on (browser pages, files). */
  site: string | undefined;
  enabled: boolean;
  /** Names found on the page, or undefined when the page's content script did not answer. */
  entities: PageEntity[] | undefined;
}

/** Handled by the background. */
export interface BackgroundProtocol {
  getEntityCard: { params: { id: string }; result: EntityCardData | null };
  /** Opens the research desk beside the sender's tab, showing this entity. */
  openInSidePanel: { params: { entityId: string }; result: boolean };
}

/** Handled by the content script of one tab (sent with `sendToTab`). */
export interface ContentProtocol {
  getPageInfo: { params: Record<string, never>; result: { site: string; enabled: boolean; title: string; url: string } };
  stepMention: { params: { direction: 1 | -1 }; result: boolean };
  getPageEntities: { params: Record<string, never>; result: PageEntity[] };
  showMention: { params: { entityId: string }; result: boolean };
  /** Opens the card of an entity beside the reader's selection (context-menu look-up). */
  showEntityCard: { params: { entityId: string }; result: boolean };
}

export type Protocol = BackgroundProtocol & ContentProtocol;

export type MessageType = keyof Protocol;
export type Params<K extends MessageType> = Protocol[K]['params'];
export type Result<K extends MessageType> = Protocol[K]['result'];

interface Envelope<K extends MessageType = MessageType> {
  backstory: K;
  params: Params<K>;
}

/** Who sent a message: the tab, for messages from content scripts. */
export interface MessageSender {
  tab?: { id?: number; windowId?: number };
}

export type Handlers<P> = {
  [K in keyof P & MessageType]: (params: Params<K>, sender: MessageSender) => Result<K> | Promise<Result<K>>;
};

export async function sendMessage<K extends keyof BackgroundProtocol>(type: K, params: Params<K>): Promise<Result<K>> {
  const envelope: Envelope<K> = { backstory: type, params };
  return (await browser.runtime.sendMessage(envelope)) as Result<K>;
}

export async function sendToTab<K extends keyof ContentProtocol>(tabId: number, type: K, params: Params<K>): Promise<Result<K>> {
  const envelope: Envelope<K> = { backstory: type, params };
  return (await browser.tabs.sendMessage(tabId, envelope)) as Result<K>;
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).backstory === 'string';
}

/** Installs one context's handlers; messages that are not Backstory's, or not its, are left to others. */
export function handleMessages<P>(handlers: Handlers<P>): () => void {
  const listener = (message: unknown, sender: MessageSender): Promise<unknown> | undefined => {
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.backstory)) return undefined;
    const handler = (handlers as Record<string, (params: unknown, sender: MessageSender) => unknown>)[message.backstory]!;
    return Promise.resolve(handler(message.params, sender));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
