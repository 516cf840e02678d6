import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import ImportReport from '../../src/components/ImportReport.svelte';
import type { ReportView } from '../../src/lib/state/import-controller.svelte.ts';
import type { ImportReport as Report, PlaceMatchReport, RejectedRow } from '../../src/lib/data/import/types.ts';

function report(overrides: Partial<Report> = {}): Report {
  return {
    datasetId: 'd',
    fileName: 'events.csv',
    format: 'acled',
    formatMessage: null,
    rowsRead: 10,
    rowsShown: 8,
    rowsRejected: 2,
    rejectedByReason: { swapped_coordinates: 1, unparseable_date: 1 },
    rejected: [
      { row: 3, reason: 'swapped_coordinates', message: 'Latitude 97.1 looks like a longitude.', raw: {} },
      { row: 7, reason: 'unparseable_date', message: 'Date "<img src=x onerror=alert(1)>" is not a date we can read.', raw: {} },
    ],
    rejectedOmitted: 0,
    duplicates: [{ row: 9, eventId: 'MMR5', firstRow: 2 }],
    placeMatch: null,
    incidents: [],
    ...overrides,
  };
}

function view(r: Report | null, refusal: string | null = null): ReportView {
  return { fileName: 'events.csv', datasetId: r ? 'd' : null, formatLabel: 'ACLED', refusal, report: r };
}

function props(v: ReportView) {
  return { view: v, onclose: vi.fn(), ondownloadrejects: vi.fn() };
}

describe('ImportReport', () => {
  it('shows rows read, shown and rejected, and that they add up', () => {
    const { container } = render(ImportReport, props(view(report())));
    expect(screen.getByRole('dialog', { name: 'Import report: events.csv' })).toHaveAttribute('aria-modal', 'true');
    const counts = [...container.querySelectorAll('[data-count]')].map((e) => [e.getAttribute('data-count'), e.textContent]);
    expect(counts).toEqual([['read', '10'], ['shown', '8'], ['rejected', '2']]);
    expect(container.textContent).toContain('10 read = 8 shown + 2 rejected');
  });

  it('lists duplicates as shown and flagged, and each rejected row with its number, reason and message', () => {
    const { container } = render(ImportReport, props(view(report())));
    expect(container.textContent).toContain('Repeated event ids: 1');
    expect(container.textContent).toContain('They are shown on the map');
    const rows = [...container.querySelectorAll('[data-testid="rejected-rows"] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['3', 'Latitude and longitude look swapped', 'Latitude 97.1 looks like a longitude.'],
      ['7', 'Date missing or unreadable', 'Date "<img src=x onerror=alert(1)>" is not a date we can read.'],
    ]);
    // Text from the file is text, never markup.
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('Latitude and longitude look swapped: 1');
  });

  it('lists at most 500 rejected rows and says the download has them all', () => {
    const rejected: RejectedRow[] = Array.from({ length: 620 }, (_, i) => ({ row: i + 1, reason: 'no_coordinates', message: 'none', raw: {} }));
    const r = report({ rowsRead: 700, rowsShown: 80, rowsRejected: 620, rejected, rejectedByReason: { no_coordinates: 620 }, duplicates: [] });
    const { container } = render(ImportReport, props(view(r)));
    expect(container.querySelectorAll('[data-testid="rejected-rows"] tbody tr')).toHaveLength(500);
    expect(container.textContent).toContain('Showing the first 500 of 620 rejected rows; the download has all of them.');
  });

  it('says so when rejected rows were counted but not kept in detail', () => {
    const r = report({ rowsRead: 60, rowsShown: 0, rowsRejected: 60, rejectedOmitted: 58, rejectedByReason: { no_coordinates: 60 }, duplicates: [] });
    const { container } = render(ImportReport, props(view(r)));
    expect(container.textContent).toContain('A further 58 rejected rows are counted above by reason but not kept row by row');
  });

  it('offers the rejected rows as a CSV download', async () => {
    const p = props(view(report()));
    render(ImportReport, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Download rejected rows (CSV)' }));
    expect(p.ondownloadrejects).toHaveBeenCalledOnce();
  });

  it('shows why a refused file was not imported, without counts', () => {
    const { container } = render(ImportReport, props(view(null, 'The header is one column separated by semicolons (;).')));
    expect(screen.getByTestId('import-refused').textContent).toBe('Not imported. The header is one column separated by semicolons (;).');
    expect(container.querySelector('[data-count]')).toBeNull();
    expect(screen.queryByRole('button', { name: /Download/ })).toBeNull();
  });

  const placeMatch: PlaceMatchReport = {
    townshipByCode: 0,
    townshipByName: 447,
    confirmedByPoint: 445,
    contradictedByPoint: 2,
    locatedByPoint: 296,
    outsideTownships: 0,
    areas: { township: 427, district: 13, region: 14 },
    unmatchedRows: 14,
    unmatched: [
      { name: 'Between Myawaddy and Waw Lay', admin1: 'Kayin state', level: 'township', rows: 11 },
      { name: 'Mayu River in Rathedaung township', admin1: 'Rakhine state', level: 'township', rows: 2 },
      { name: '<img src=x onerror=alert(1)> road', admin1: 'Sagaing region', level: 'township', rows: 1 },
    ],
    unmatchedOmittedRows: 0,
  };

  it('says in plain words how rows were matched to townships and drawn as areas', () => {
    render(ImportReport, props(view(report({ placeMatch }))));
    const facts = screen.getByTestId('place-match').textContent?.replace(/\s+/g, ' ');
    expect(facts).toContain('447 rows name a township we matched.');
    expect(facts).toContain('For 445 of them the point lies inside that township.');
    expect(facts).toContain('For 2 it lies outside; the source’s township is kept.');
    expect(facts).toContain('296 rows with a precise point but no township we could match by name were placed in the township the point lies in.');
    expect(facts).toContain('Known only to an area, and drawn as that area: 427 rows as their township, 13 rows as their district, 14 rows as their state or region.');
  });

  it('lists the places that matched nothing with their counts, as text, and says none was rejected', () => {
    const { container } = render(ImportReport, props(view(report({ placeMatch }))));
    expect(screen.getByTestId('place-match-unmatched').textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '14 rows name a place we could not match to a township: Between Myawaddy and Waw Lay (11), Mayu River in Rathedaung township (2), <img src=x onerror=alert(1)> road (1). They are shown where the file puts them; no row was rejected for this.',
    );
    const rows = [...container.querySelectorAll('[data-testid="unmatched-places"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['Between Myawaddy and Waw Lay', 'Kayin state', 'township', '11'],
      ['Mayu River in Rathedaung township', 'Rakhine state', 'township', '2'],
      ['<img src=x onerror=alert(1)> road', 'Sagaing region', 'township', '1'],
    ]);
    expect(container.querySelector('img')).toBeNull();
  });

  it('names a district, state or code that matched nothing as such', () => {
    const r = report({ placeMatch: { ...placeMatch, unmatchedRows: 2, unmatched: [{ name: 'Bogale district', admin1: 'Ayeyarwady division', level: 'district', rows: 1 }, { name: 'MMR123456', admin1: 'Sagaing', level: 'code', rows: 1 }], unmatchedOmittedRows: 3 } });
    const { container } = render(ImportReport, props(view(r)));
    expect(screen.getByTestId('place-match-unmatched').textContent).toContain('could not match to a township, district or state/region');
    expect([...container.querySelectorAll('[data-testid="unmatched-places"] tbody td:nth-child(3)')].map((td) => td.textContent)).toEqual(['district', 'place code']);
    expect(container.textContent).toContain('A further 3 rows name other places not listed here.');
  });

  it('says when the township files could not be loaded, and that nothing was lost', () => {
    render(ImportReport, props(view(report({ placeMatch: null }))));
    expect(screen.getByTestId('place-match-unavailable').textContent).toContain('could not be loaded, so rows were not matched to townships');
  });

  it('says nothing about townships when no row named or located one', () => {
    const none: PlaceMatchReport = { ...placeMatch, townshipByName: 0, confirmedByPoint: 0, contradictedByPoint: 0, locatedByPoint: 0, areas: { township: 0, district: 0, region: 0 }, unmatchedRows: 0, unmatched: [] };
    const { container } = render(ImportReport, props(view(report({ placeMatch: none }))));
    expect(container.textContent).not.toContain('Townships');
  });

  it('takes focus, closes on Escape, keeps Tab inside, and gives focus back to the opener', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const p = props(view(report()));
    const { unmount } = render(ImportReport, p);
    const dialog = screen.getByRole('dialog');
    expect(document.activeElement).toBe(dialog);

    // Tab stops in document order: the tables' scroll boxes (focusable, so they scroll by keyboard) and the buttons.
    const stops = [...dialog.querySelectorAll<HTMLElement>('button, [tabindex="0"]')];
    const last = stops[stops.length - 1] as HTMLElement;
    last.focus();
    await fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(stops[0]);
    await fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);

    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(p.onclose).toHaveBeenCalledOnce();
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('gives focus to the fallback element when the opener is gone', () => {
    const fallback = document.createElement('input');
    document.body.append(fallback);
    const { unmount } = render(ImportReport, { ...props(view(report())), returnFocusTo: fallback });
    unmount();
    expect(document.activeElement).toBe(fallback);
    fallback.remove();
  });
});
