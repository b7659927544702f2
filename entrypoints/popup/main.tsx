import { render } from 'preact';
import { createCardLookup } from '@/lib/dataset/cardData';
import { loadBundledRecords } from '@/lib/dataset/bundledDataset';
import { createRecordSearch } from '@/lib/search/entitySearch';
import { SearchPanel } from '@/lib/ui/SearchPanel';
import '@/lib/ui/entityCard.css';
import '@/lib/ui/searchPanel.css';

const records = loadBundledRecords();
const search = createRecordSearch(records);
const cardLookup = createCardLookup(records);
const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;

render(
  <SearchPanel search={search} loadCard={async (id) => cardLookup(id)} dark={dark} />,
  document.getElementById('app')!,
);
