import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import ImportReport from '../../src/components/ImportReport.svelte';
import type { ReportView } from '../../src/lib/state/import-controller.svelte.ts';
import type { ImportReport as Report, RejectedRow } from '../../src/lib/data/import/types.ts';

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
