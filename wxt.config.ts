import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Backstory reads pages and sends nothing anywhere: every permission here is justified in README.md.
export default defineConfig({
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Background on the names in the news you read: who, what and where, with dates and sources. Offline and private.',
    // Each permission is justified in README.md.
    permissions: ['storage', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: 'Go to the next marked name and open its card',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: 'Go to the previous marked name and open its card',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'backstory@backstory.invalid', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    build: { chunkSizeWarningLimit: 4096 },
  }),
});
