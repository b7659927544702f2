import { browser } from 'wxt/browser';

/**
 * Opens the research desk: Chrome's side panel or Firefox's sidebar. Must run inside the click
 * that asked for it (both browsers require a user gesture), so nothing is awaited before it.
 */
export function openSidePanel(windowId?: number): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidebarAction) return api.sidebarAction.open();
  if (api.sidePanel && windowId !== undefined) return api.sidePanel.open({ windowId });
  return Promise.reject(new Error('This browser has no side panel for extensions.'));
}
