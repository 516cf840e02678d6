import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import PlaceSearch from '../../src/components/PlaceSearch.svelte';
import { buildPlaceSearch, focusAreaEntries } from '../../src/lib/data/place-search.ts';

describe('PlaceSearch, more places loaded on first use', () => {
  it('asks for them once, on the first focus, and not before', async () => {
    const onfirstuse = vi.fn();
    render(PlaceSearch, { index: buildPlaceSearch(focusAreaEntries()), onchoose: () => {}, onfirstuse });
    expect(onfirstuse).not.toHaveBeenCalled();
    const input = screen.getByRole('combobox', { name: 'Find a place' });
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: 'Kaing Kan' } });
    await fireEvent.blur(input);
    await fireEvent.focus(input);
    expect(onfirstuse).toHaveBeenCalledOnce();
  });

  it('does not say "nothing found" while they are loading, and finds the place once they are in', async () => {
    const { rerender } = render(PlaceSearch, { index: buildPlaceSearch(focusAreaEntries()), onchoose: () => {}, loading: true });
    const input = screen.getByRole('combobox', { name: 'Find a place' });
    await fireEvent.input(input, { target: { value: 'Kaing Kan' } });
    expect(screen.getByRole('status')).toHaveTextContent('Looking in the towns and villages…');
    await rerender({ index: buildPlaceSearch([{ name: 'Kaing Kan', altNames: [], kind: 'village', admin1: 'Sagaing', township: 'Tabayin', lon: 95.3772, lat: 22.5191 }]), loading: false });
    await vi.waitFor(() => expect(screen.getAllByRole('option')[0]?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Kaing Kan village · Tabayin Township, Sagaing'));
  });
});
