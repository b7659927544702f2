import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { createCardLookup } from '../../lib/dataset/cardData';
import { loadBundledRecords } from '../../lib/dataset/bundledDataset';
import { createRecordSearch } from '../../lib/search/entitySearch';
import { EntityCard } from '../../lib/ui/EntityCard';
import { NavigableCard } from '../../lib/ui/NavigableCard';
import { SearchPanel } from '../../lib/ui/SearchPanel';

const records = loadBundledRecords();
const cardFor = createCardLookup(records);

describe('EntityCard', () => {
  it('shows name, kind, description, summary, dated facts and sources', () => {
    const data = cardFor('isis-k')!;
    render(<EntityCard data={data} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(data.record.name);
    expect(screen.getByRole('article').getAttribute('aria-labelledby')).toBe('backstory-card-title');
    expect(screen.getByText(data.record.description)).toBeTruthy();
    expect(screen.getByText(/Organisation/)).toBeTruthy();
    const dated = data.record.facts.find((fact) => fact.asOf);
    if (dated) expect(screen.getAllByText(/as of/).length).toBeGreaterThan(0);
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href')).toMatch(/^https?:\/\//);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    expect(screen.getByText(/^Reviewed/)).toBeTruthy();
  });

  it("lists an actor's events as a dated timeline in order", () => {
    const data = cardFor('isis-k')!;
    expect(data.timeline.length).toBeGreaterThan(2);
    render(<EntityCard data={data} />);
    const dates = screen.getAllByRole('listitem').map((item) => item.querySelector('time')?.getAttribute('datetime')).filter(Boolean);
    expect(dates).toEqual([...dates].sort());
  });

  it('renders dataset text as text, never as markup', () => {
    const data = cardFor('kabul')!;
    const hostile = { ...data, record: { ...data.record, summary: '<img src=x onerror=alert(1)>' } };
    const { container } = render(<EntityCard data={hostile} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });

  it('navigates to a related name and back', async () => {
    const onClose = vi.fn();
    render(<NavigableCard initial={cardFor('lydia-khalil')!} loadCard={async (id) => cardFor(id)} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: /Lowy Institute/ }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Lowy Institute'));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Lydia Khalil'));
    fireEvent.click(screen.getByRole('button', { name: 'Close card' }));
    expect(onClose).toHaveBeenCalled();
  });
});

describe('SearchPanel', () => {
  const search = createRecordSearch(records);

  it('searches as you type and opens a result with the keyboard', async () => {
    render(<SearchPanel search={search} loadCard={async (id) => cardFor(id)} />);
    const input = screen.getByRole('combobox');
    fireEvent.input(input, { target: { value: 'karzai airprt' } });
    const options = screen.getAllByRole('option');
    expect(options[0]!.textContent).toContain('Hamid Karzai International Airport');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Hamid Karzai International Airport'));
    // Focus moves into the card, and Escape brings it back to the search box.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Close card'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox')));
  });

  it('says so when nothing matches, and filters by kind', () => {
    render(<SearchPanel search={search} loadCard={async (id) => cardFor(id)} />);
    fireEvent.input(screen.getByRole('combobox'), { target: { value: 'zzqqxx' } });
    expect(screen.getByText(/No entry matches/)).toBeTruthy();
    fireEvent.input(screen.getByRole('combobox'), { target: { value: 'kabul' } });
    fireEvent.click(screen.getByRole('button', { name: 'Event' }));
    expect(screen.getAllByRole('option').every((option) => option.className.includes('kind-event'))).toBe(true);
  });
});
