import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { PACKAGED_NAME_INDEX_PATH } from './lib/dataset/packagedNameIndex';

const packagedNameIndex = PACKAGED_NAME_INDEX_PATH.slice(1);

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
    // The content script reads the name index from the package (lib/dataset/packagedNameIndex.ts).
    web_accessible_resources:
      browser === 'firefox'
        ? [packagedNameIndex]
        : [{ resources: [packagedNameIndex], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'backstory@backstory.invalid', strict_min_version: '128.0' } } }
      : {}),
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve(import.meta.dirname, 'data/generated/name-index.json'), relativeDest: packagedNameIndex });
    },
  },
  vite: () => ({
    plugins: [preact()],
    build: { chunkSizeWarningLimit: 4096 },
  }),
});
