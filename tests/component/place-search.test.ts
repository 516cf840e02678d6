import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import PlaceSearch from '../../src/components/PlaceSearch.svelte';
import { buildPlaceSearch, focusAreaEntries, mergePlaceEntries, type PlaceEntry } from '../../src/lib/data/place-search.ts';

const entries: PlaceEntry[] = mergePlaceEntries([
  ...focusAreaEntries(),
  { name: 'Sagaing', altNames: ['Sagaing'], nameMy: 'စစ်ကိုင်းတိုင်းဒေသကြီး', kind: 'admin1', admin1: 'Sagaing', lon: 95, lat: 24 },
  { name: 'Depayin (Tabayin)', altNames: ['Dipeyin'], kind: 'town', admin1: 'Sagaing', township: 'Tabayin', lon: 95.32, lat: 22.69 },
  { name: 'Let Yet Kone', altNames: [], kind: 'village', admin1: 'Sagaing', township: 'Tabayin', lon: 95.4, lat: 22.68 },
]);

function setup() {
  const onchoose = vi.fn();
  render(PlaceSearch, { index: buildPlaceSearch(entries), onchoose });
  return { onchoose, input: screen.getByRole('combobox', { name: 'Find a place' }) };
}

describe('PlaceSearch', () => {
  it('says so when nothing is found, in a status the screen reader announces', async () => {
    const { input } = setup();
    await fireEvent.input(input, { target: { value: 'Xqzw' } });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('No place called “Xqzw”. Try another spelling, or the English or Burmese name.');
  });

  it('says nothing in the status while results are listed', async () => {
    const { input } = setup();
    await fireEvent.input(input, { target: { value: 'Let' } });
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    expect(screen.getByRole('status').textContent?.trim()).toBe('');
  });

  it('shows each name once, with its kind and where it is (#12: "Depayin (Tabayin)(Tabayin)")', async () => {
    const { input } = setup();
    await fireEvent.input(input, { target: { value: 'Tabayin' } });
    const option = screen.getAllByRole('option')[0];
    expect(option?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Depayin (Tabayin) town · Sagaing');
    const village = screen.queryAllByRole('option').find((o) => o.textContent?.includes('Let Yet Kone'));
    expect(village).toBeUndefined();
    await fireEvent.input(input, { target: { value: 'Let Yet' } });
    expect(screen.getAllByRole('option')[0]?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Let Yet Kone village · Tabayin Township, Sagaing');
  });

  it('finds a region by its Burmese name and shows that name marked as Burmese', async () => {
    const { input, onchoose } = setup();
    await fireEvent.input(input, { target: { value: 'စစ်ကိုင်း' } });
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]?.textContent).toContain('Sagaing Region');
    expect(options[0]?.querySelector('[lang="my"]')?.textContent).toBe('စစ်ကိုင်းတိုင်းဒေသကြီး');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onchoose).toHaveBeenCalledWith(expect.objectContaining({ name: 'Sagaing Region', bbox: expect.any(Array) }));
  });

  it('keeps the keyboard: arrows move, Enter chooses', async () => {
    const { input, onchoose } = setup();
    await fireEvent.input(input, { target: { value: 'Kay' } });
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(input.getAttribute('aria-activedescendant')).toBe('place-result-0');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe('place-result-1');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onchoose).toHaveBeenCalledOnce();
  });
});

describe('PlaceSearch text', () => {
  it('keeps a space between the English and the Burmese name', async () => {
    render(PlaceSearch, { index: buildPlaceSearch(entries), onchoose: () => {} });
    await fireEvent.input(screen.getByRole('combobox', { name: 'Find a place' }), { target: { value: 'စစ်ကိုင်း' } });
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('Sagaing Region စစ်ကိုင်းတိုင်းဒေသကြီး');
  });
});
