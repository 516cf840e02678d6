import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import ExportDialog from '../../src/components/ExportDialog.svelte';
import { AppState } from '../../src/lib/state/app-state.svelte.ts';
import type { Incident } from '../../src/lib/domain/incident.ts';
import type { DrawableLimits, RenderOptions, SnapshotPort } from '../../src/lib/domain/snapshot-port.ts';
import { snapshotService } from '../../src/lib/export/export-snapshot.ts';
import { FakeCanvas } from '../fixtures/export/fake-canvas.ts';

// jsdom has HTMLDialogElement but not its modal behaviour, nor canvas text or document.fonts; the
// browser test covers the real ones. The export measures its bands with a 2D context before it
// asks the map to draw, so a measuring stand-in is enough here.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return new FakeCanvas();
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
  Object.defineProperty(document, 'fonts', { configurable: true, value: { load: () => Promise.resolve([]) } });
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

const curated = (JSON.parse(readFileSync('public/data/incidents.json', 'utf8')) as { incidents: Incident[] }).incidents;
const BIG: DrawableLimits = { maxTextureSize: 16384, maxRenderbufferSize: 16384, maxViewportDims: [16384, 16384] };
/** Roughly Kayah State. */
const VIEW_BOX = [96.8, 18.6, 97.6, 20.0] as const;

function fakePort(limits = BIG, renderImpl?: SnapshotPort['render']): SnapshotPort & { render: ReturnType<typeof vi.fn> } {
  return {
    viewSize: () => ({ width: 1000, height: 700 }),
    view: () => ({ lon: 97.2, lat: 19.3, zoom: 8, bearing: 0, pitch: 0 }),
    limits: () => limits,
    placeAtCentre: () => ({ admin1: 'Kayah', focus: 'kayah' }),
    inView: (points) => points.map(([lon, lat]) => lon >= VIEW_BOX[0] && lat >= VIEW_BOX[1] && lon <= VIEW_BOX[2] && lat <= VIEW_BOX[3]),
    mapAttributions: () => ['Places: GeoNames (CC BY 4.0)'],
    locatorGeography: () => Promise.resolve(null),
    render: vi.fn(renderImpl ?? (() => new Promise<never>(() => {}))),
  };
}

function setup(port: SnapshotPort | null = fakePort()) {
  const app = new AppState();
  app.curated = curated;
  app.dataVersion = 'test';
  const service = snapshotService(
    () => port,
    () => ({ incidents: app.visible, filter: app.filter, dataVersion: app.dataVersion, datasets: app.datasetInfo }),
  );
  const result = render(ExportDialog, { service });
  const dialog = result.container.querySelector('dialog') as HTMLDialogElement;
  return { ...result, app, dialog, view: within(dialog) };
}

describe('ExportDialog', () => {
  it('opens a modal dialog with a title from the view and the default choices', async () => {
    const { dialog, view } = setup();
    const button = screen.getByRole('button', { name: 'Export snapshot' });
    await fireEvent.click(button);
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe('export-title');
    const title = view.getByRole('textbox', { name: 'Title' }) as HTMLInputElement;
    // The incidents in the box: air strikes and helicopter attacks from 7 January to 8 March 2022.
    expect(title.value).toBe('Air strikes and helicopter attacks \u2014 Kayah, 7 Jan\u20138 Mar 2022');
    expect(document.activeElement).toBe(title);
    expect(view.getByRole('radio', { name: 'Current view (1000 × 700)' })).toBeChecked();
    expect(view.getByRole('radio', { name: '2×' })).toBeChecked();
    for (const name of ['Legend', 'Scale bar', 'North arrow', 'Locator map', /Include metadata \(title, view, filters, data hash\)/]) {
      expect(view.getByRole('checkbox', { name })).toBeChecked();
    }
    expect(view.getByText('2000 × 1400 pixels.')).toBeInTheDocument();
  });

  it('closes on Close and gives focus back to the Export button', async () => {
    const { dialog, view } = setup();
    const button = screen.getByRole('button', { name: 'Export snapshot' });
    await fireEvent.click(button);
    await fireEvent.click(view.getByRole('button', { name: 'Close' }));
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(button);
  });

  it('says when the image is too large and offers a size that fits', async () => {
    const port = fakePort({ maxTextureSize: 2048, maxRenderbufferSize: 2048, maxViewportDims: [2048, 2048] });
    const { view } = setup(port);
    await fireEvent.click(screen.getByRole('button', { name: 'Export snapshot' }));
    await fireEvent.click(view.getByRole('radio', { name: '1600 × 1000' }));
    await fireEvent.click(view.getByRole('button', { name: 'Export PNG' }));
    const alert = view.getByRole('alert');
    expect(alert.textContent).toContain('The image would be 3200 × 2000 pixels; this device can draw at most 2048 × 2048 pixels.');
    expect(port.render).not.toHaveBeenCalled();
    await fireEvent.click(within(alert).getByRole('button', { name: 'Use 1600 × 1000 at 1.25×' }));
    expect(view.getByRole('radio', { name: '1.25×' })).toBeChecked();
    expect(view.getByText('2000 × 1250 pixels.')).toBeInTheDocument();
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('shows progress while the map renders, and Cancel stops it without an error', async () => {
    let seen: RenderOptions | undefined;
    const port = fakePort(BIG, (_frame, _probes, options) => {
      seen = options;
      options.onProgress?.(0.4);
      return new Promise((_, reject) => {
        options.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
      });
    });
    const { dialog, view } = setup(port);
    await fireEvent.click(screen.getByRole('button', { name: 'Export snapshot' }));
    await fireEvent.click(view.getByRole('button', { name: 'Export PNG' }));
    const bar = await view.findByRole('progressbar', { name: 'Export progress' });
    await vi.waitFor(() => expect(port.render).toHaveBeenCalled());
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(0.3, 5);
    expect(view.getByRole('status').textContent).toBe('Drawing the map…');
    expect(view.getByRole('button', { name: 'Export PNG' })).toBeDisabled();
    const frame = port.render.mock.calls[0]?.[0];
    expect(frame).toMatchObject({ widthCss: 1000, heightCss: 700, pixelRatio: 2, lon: 97.2, lat: 19.3 });
    // The view is framed between the title and footer bands, so it is zoomed out just enough to fit there.
    const { top, bottom } = frame?.padding ?? { top: 0, bottom: 0 };
    expect(top).toBeGreaterThan(20);
    expect(bottom).toBeGreaterThan(20);
    expect(frame?.zoom).toBeCloseTo(8 + Math.log2((700 - top - bottom) / 700), 9);

    await fireEvent.click(view.getByRole('button', { name: 'Cancel' }));
    expect(seen?.signal?.aborted).toBe(true);
    expect(dialog.open).toBe(false);
    await vi.waitFor(() => expect(view.queryByRole('progressbar')).toBeNull());
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('tells the reader when the map is not ready', async () => {
    const { view } = setup(null);
    await fireEvent.click(screen.getByRole('button', { name: 'Export snapshot' }));
    await fireEvent.click(view.getByRole('button', { name: 'Export PNG' }));
    expect(view.getByRole('alert').textContent).toContain('The map is not ready yet.');
  });
});
