import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import IncidentPopup from '../../src/components/IncidentPopup.svelte';
import { hostileIncident } from '../fixtures/incidents/hostile-incident.ts';

describe('IncidentPopup', () => {
  it('shows text from data literally, never as markup', () => {
    const { container } = render(IncidentPopup, { incident: hostileIncident });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Title <img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('Summary <img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('Place <img src=x onerror=alert(1)>');
  });

  it('links only http(s) sources, in a new tab without referrer', () => {
    const { container } = render(IncidentPopup, { incident: hostileIncident });
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://www.irrawaddy.com/news/x']);
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    // The unsafe sources still appear, as text.
    expect(container.textContent).toContain('Script link');
    expect(container.textContent).toContain('Data link');
  });

  it('phrases the date by its precision and states the location precision', () => {
    const { container } = render(IncidentPopup, { incident: hostileIncident });
    expect(container.textContent).toContain('week of 11 July 2022');
    expect(container.textContent).toContain('location known to township level');
    expect(container.textContent).toContain('secondary, via UCDP GED 443293');
  });

  it('shows each figure with its own source', () => {
    render(IncidentPopup, { incident: hostileIncident });
    expect(screen.getByText(/thousands/).textContent).toContain('Myanmar Now');
  });

  it('copies a citation naming the incident, its sources, its permalink and the access day', async () => {
    const copyText = vi.fn(async (_t: string) => {});
    const permalink = vi.fn((id: string) => `https://conflict-map.example/#9/22.6/95.2&sel=${id}`);
    render(IncidentPopup, { incident: hostileIncident, copyText, permalink, now: () => new Date(2026, 10, 29, 12) });
    await fireEvent.click(screen.getByRole('button', { name: 'Cite' }));
    expect(copyText).toHaveBeenCalledOnce();
    expect(permalink).toHaveBeenCalledWith('X1');
    const text = copyText.mock.calls[0]?.[0] ?? '';
    expect(text).toContain('The Irrawaddy, “Over 10,000 Civilians Flee”, 15 July 2022, https://www.irrawaddy.com/news/x (via UCDP GED 443293)');
    expect(text.split('\n').at(-1)).toBe('Conflict Map, https://conflict-map.example/#9/22.6/95.2&sel=X1, accessed 29 November 2026.');
    expect(text).not.toContain('javascript:');
    expect(text).not.toMatch(/n\.d\.|\[title not recorded\]/);
    expect(await screen.findByRole('status')).toHaveTextContent('Citation copied');
  });

  it('copies CSL-JSON for reference managers from a second button', async () => {
    const copyText = vi.fn(async (_t: string) => {});
    render(IncidentPopup, { incident: hostileIncident, copyText, permalink: (id: string) => `https://conflict-map.example/#sel=${id}`, now: () => new Date(2026, 10, 29, 12) });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy CSL-JSON' }));
    const items = JSON.parse(copyText.mock.calls[0]?.[0] ?? '[]') as { id: string; type: string; URL?: string }[];
    expect(items.map((i) => i.id)).toEqual(['conflict-map-X1', 'conflict-map-X1-source-1', 'conflict-map-X1-source-2', 'conflict-map-X1-source-3']);
    expect(items[0]).toMatchObject({ type: 'dataset', URL: 'https://conflict-map.example/#sel=X1' });
    expect(items.some((i) => i.URL?.startsWith('javascript:') || i.URL?.startsWith('data:'))).toBe(false);
    expect(await screen.findByRole('status')).toHaveTextContent('CSL-JSON copied');
  });

  it('says when the clipboard is blocked', async () => {
    render(IncidentPopup, { incident: hostileIncident, copyText: async () => Promise.reject(new Error('denied')) });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy CSL-JSON' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Could not copy');
  });

  it('names a named place and who locates it, and reads verification as sentences', () => {
    const heNar = {
      ...hostileIncident,
      place: { name: 'He Nar', admin1: 'Sagaing', township: 'Tabayin' },
      precision: 'named_place' as const,
      sources: [{ publisher: 'ACLED', title: 'acled.csv, event MMR1', date: null, url: null, secondary: false }],
      verification: { status: 'imported' as const, text: 'Coded by ACLED; imported from "acled.csv".' },
    };
    const { container } = render(IncidentPopup, { incident: heNar });
    expect(container.textContent).toContain('He Nar, Tabayin Township, Sagaing');
    expect(container.textContent).toContain('He Nar — a named town or village, as ACLED locates it');
    expect(container.textContent).toContain('As reported in the imported dataset (not checked by us). Coded by ACLED; imported from "acled.csv".');
    expect(container.textContent).not.toMatch(/town level/);
  });

  it('keeps a space before the Burmese name, marked as Burmese', () => {
    const inc = { ...hostileIncident, place: { name: 'Depayin', nameMy: 'ဒီပဲယင်း', admin1: 'Sagaing', township: 'Tabayin' } };
    const { container } = render(IncidentPopup, { incident: inc });
    expect(container.textContent).toContain('Depayin ဒီပဲယင်း, Tabayin Township, Sagaing');
    expect(container.querySelector('[lang="my"]')?.textContent).toBe('ဒီပဲယင်း');
  });

  it('shows a place name that already says its township once', () => {
    const wetlet = { ...hostileIncident, place: { name: 'Wetlet township', admin1: 'Sagaing', township: 'Wetlet' } };
    const { container } = render(IncidentPopup, { incident: wetlet });
    expect(container.textContent).toContain('Wetlet township, Sagaing');
    expect(container.textContent).not.toMatch(/Wetlet township, Wetlet/i);
  });
});
