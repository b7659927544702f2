import { browser } from 'wxt/browser';
import type { EntityCardData } from '../dataset/cardData';

/**
 * Every message between Backstory's contexts, typed in one place (Yomitan's habit): the content
 * script keeps only the name index and asks the background for whole records.
 */
export interface Protocol {
  getEntityCard: { params: { id: string }; result: EntityCardData | null };
}

export type MessageType = keyof Protocol;
export type Params<K extends MessageType> = Protocol[K]['params'];
export type Result<K extends MessageType> = Protocol[K]['result'];

interface Envelope<K extends MessageType = MessageType> {
  backstory: K;
  params: Params<K>;
}

export type Handlers = { [K in MessageType]: (params: Params<K>) => Result<K> | Promise<Result<K>> };

export async function sendMessage<K extends MessageType>(type: K, params: Params<K>): Promise<Result<K>> {
  const envelope: Envelope<K> = { backstory: type, params };
  return (await browser.runtime.sendMessage(envelope)) as Result<K>;
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).backstory === 'string';
}

/** Installs the background's handlers; messages that are not Backstory's are left to others. */
export function handleMessages(handlers: Handlers): () => void {
  const listener = (message: unknown): Promise<unknown> | undefined => {
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.backstory)) return undefined;
    const handler = handlers[message.backstory] as (params: unknown) => unknown;
    return Promise.resolve(handler(message.params));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
