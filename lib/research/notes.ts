import { notesItem, type Note } from '../storage/items';

/**
 * Notes are the reader's own work: a failed write (storage quota) is reported, never swallowed,
 * and what was there before stays as it was.
 */
export class NotesQuotaError extends Error {
  constructor(cause: unknown) {
    super('Browser storage is full: the note was not saved. Export and delete old notes to make room.');
    this.name = 'NotesQuotaError';
    this.cause = cause;
  }
}

export function newNoteId(now = Date.now()): string {
  return `note-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function saveNote(draft: Omit<Note, 'id' | 'createdAt' | 'updatedAt'>, now = new Date()): Promise<Note> {
  const note: Note = { ...draft, id: newNoteId(now.getTime()), createdAt: now.toISOString(), updatedAt: now.toISOString() };
  const notes = await notesItem.getValue();
  try {
    await notesItem.setValue([note, ...notes]);
  } catch (error) {
    throw new NotesQuotaError(error);
  }
  return note;
}
