import { render } from 'preact';
import { downloadFile } from '@/lib/ui/downloadFile';
import { useEffect, useState } from 'preact/hooks';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { parsePack, type DataPack } from '@/lib/dataset/packs';
import { packsItem, settingsItem, withDefaults, type Settings } from '@/lib/storage/items';
import { OptionsApp } from '@/lib/ui/OptionsApp';
import '@/lib/ui/entityCard.css';
import '@/lib/ui/searchPanel.css';
import '@/lib/ui/options.css';

const bundled = loadBundledRecords();

function Options() {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [packs, setPacks] = useState<DataPack[]>([]);
  useEffect(() => {
    void settingsItem.getValue().then((value) => setSettings(withDefaults(value)));
    void packsItem.getValue().then(setPacks);
    const unwatch = [settingsItem.watch((value) => setSettings(withDefaults(value))), packsItem.watch((value) => setPacks(value ?? []))];
    return () => unwatch.forEach((stop) => stop());
  }, []);
  if (!settings) return null;
  return (
    <OptionsApp
      settings={settings}
      packs={packs}
      saveSettings={(next) => settingsItem.setValue(next)}
      readPack={(text, fileName) => parsePack(text, fileName, bundled)}
      savePacks={(next) => packsItem.setValue(next)}
      exportPack={(pack) =>
        downloadFile(`${pack.name.replace(/[^\w-]+/g, '-')}.json`, 'application/json', `${JSON.stringify({ name: pack.name, entities: pack.entities }, null, 2)}\n`)
      }
      dark={window.matchMedia('(prefers-color-scheme: dark)').matches}
    />
  );
}

render(<Options />, document.getElementById('app')!);
