/** The pages Backstory's content scripts run on; the options narrow it per site. */
export const CONTENT_MATCHES = ['http://*/*', 'https://*/*'];

/** Frames of another origin belong to someone else (ads, embeds): only same-origin frames are read. */
export function isForeignFrame(win: Window): boolean {
  if (win.top === win) return false;
  try {
    return win.top!.location.origin !== win.location.origin;
  } catch {
    return true;
  }
}
