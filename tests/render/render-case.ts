/**
 * Render cases: reading `cases/<name>/case.json`, and drawing one in Chromium to a PNG of the
 * WebGL map alone, at a fixed size whatever the page layout, settled (no fade, no transition,
 * no hover) so that two runs give the same pixels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import type { PNG } from 'pngjs';
import type { AppState } from '../../src/lib/state/app-state.svelte.ts';
import { parseHash } from '../../src/lib/state/url-hash.ts';
import type { CameraView } from '../../src/lib/domain/view.ts';
import { LAYER, SOURCE } from '../../src/lib/map/ids.ts';
import type { INCIDENT_GLOBAL_STATE } from '../../src/lib/map/incident-layers.ts';
import { gotoApp } from '../e2e/harness.ts';
import { decodePngDataUrl, type CaseImagePaths } from './compare.ts';

type LayerId = (typeof LAYER)[keyof typeof LAYER];

/** The layers a case changes to prove that its comparison catches a change (see README.md). */
export interface CaseBites {
  /** A layer whose colour is changed to BITE_COLOUR. */
  readonly recolour: LayerId;
  /** A layer removed from the style. */
  readonly remove: LayerId;
  /** A symbol layer whose labels are moved 2 px to the right with `text-translate`. */
  readonly moveLabel: LayerId;
}

/** One render case, as read from its `case.json`. */
export interface RenderCase {
  readonly name: string;
  /** What the image should show, for a person reviewing a diff. */
  readonly description: string;
  /** The app's own URL hash (`#zoom/lat/lon[/bearing[/pitch]]`), so the view can be opened by hand. */
  readonly hash: string;
  readonly view: CameraView;
  /** The map's size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Device pixels per CSS pixel; the image is `width × pixelRatio` wide. */
  readonly pixelRatio: number;
  /** An incident to select through `app.select(id)`, which draws its highlight halo. */
  readonly select: string | null;
  readonly bites: CaseBites;
  readonly paths: CaseImagePaths;
}

/** The folder holding one folder per case. */
export const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));

/** The colour a bite paints a layer in: far from every colour of the palette. */
export const BITE_COLOUR = '#2a9d8f';

const LAYER_IDS: ReadonlySet<string> = new Set(Object.values(LAYER));
const CASE_KEYS = new Set(['description', 'hash', 'width', 'height', 'pixelRatio', 'select', 'bites']);

function layerId(value: unknown, where: string): LayerId {
  if (typeof value !== 'string' || !LAYER_IDS.has(value)) throw new Error(`${where}: not a layer id of src/lib/map/ids.ts: ${JSON.stringify(value)}`);
  return value as LayerId;
}

function positiveInteger(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${where}: expected a positive integer, got ${JSON.stringify(value)}`);
  return value;
}

/** Reads and checks one case folder; a typo in a case.json fails loudly instead of rendering something else. */
export function readCase(name: string): RenderCase {
  const dir = join(CASES_DIR, name);
  const file = join(dir, 'case.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((k) => !CASE_KEYS.has(k));
  if (unknown.length) throw new Error(`${file}: unknown keys ${unknown.join(', ')}`);
  const { description, hash, select } = raw;
  if (typeof description !== 'string' || !description) throw new Error(`${file}: description must be a non-empty string`);
  if (typeof hash !== 'string') throw new Error(`${file}: hash must be a string like "#4.9/19.6/96.6"`);
  const parsed = parseHash(hash);
  if (!parsed.view || parsed.params.size) throw new Error(`${file}: hash must be a view alone, "#zoom/lat/lon[/bearing[/pitch]]": ${hash}`);
  if (select !== undefined && typeof select !== 'string') throw new Error(`${file}: select must be an incident id`);
  const bites = raw['bites'] as Record<string, unknown> | undefined;
  if (!bites) throw new Error(`${file}: bites is required (the layers that prove this case catches a change)`);
  return {
    name,
    description,
    hash,
    view: parsed.view,
    width: positiveInteger(raw['width'], `${file} width`),
    height: positiveInteger(raw['height'], `${file} height`),
    pixelRatio: positiveInteger(raw['pixelRatio'] ?? 1, `${file} pixelRatio`),
    select: select ?? null,
    bites: {
      recolour: layerId(bites['recolour'], `${file} bites.recolour`),
      remove: layerId(bites['remove'], `${file} bites.remove`),
      moveLabel: layerId(bites['moveLabel'], `${file} bites.moveLabel`),
    },
    paths: { expected: join(dir, 'expected.png'), actual: join(dir, 'actual.png'), diff: join(dir, 'diff.png') },
  };
}

/** Every case, in name order. */
export function readCases(): RenderCase[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map(readCase);
}

type Handle = { map: MlMap; app: AppState };

/** The map's global-state keys for the highlight, checked against the style's own table. */
const HIGHLIGHT_KEYS: { readonly selected: keyof typeof INCIDENT_GLOBAL_STATE; readonly hovered: keyof typeof INCIDENT_GLOBAL_STATE } = {
  selected: 'selectedId',
  hovered: 'hoverId',
};

/**
 * Opens the app at the case's view, waits for the data to reach the map, applies the case's
 * selection, then pins the map container to the case's size (fixed, at the page's top left, so the
 * side panel, header and timeline cannot change it) and settles the map.
 */
export async function prepareCase(page: Page, c: RenderCase): Promise<void> {
  await gotoApp(page, c.hash);
  await page.evaluate(
    async ({ sources, keys, select, width, height, view }) => {
      const { map, app } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const until = async (what: string, ok: () => boolean | Promise<boolean>): Promise<void> => {
        const start = performance.now();
        while (!(await ok())) {
          if (performance.now() - start > 30_000) throw new Error(`render case: timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      const featureCount = async (id: string): Promise<number> => {
        const data = await map.getSource<GeoJSONSource>(id)?.getData();
        return data && 'features' in data ? data.features.length : -1;
      };
      await until('the curated incidents', () => app.incidents.length > 0 && app.displacement.length > 0);
      if (select !== null) {
        if (!app.incidentById.has(select)) throw new Error(`render case: no incident ${select}`);
        app.select(select);
        await until('the selection on the map', () => map.getGlobalState()[keys.selected] === select);
      }
      // Nothing has moved the mouse, so nothing is hovered; a hover would draw a second halo.
      if (map.getGlobalState()[keys.hovered]) throw new Error('render case: an incident is hovered');
      // The incident source gets the visible set after a short debounce; the displacement source at once.
      // A marker stands for every incident at its point or area and carries their number.
      const incidentsDrawn = async (): Promise<number> => {
        const data = await map.getSource<GeoJSONSource>(sources.incidents)?.getData();
        return data && 'features' in data ? data.features.reduce((n, f) => n + Number(f.properties?.['count'] ?? 0), 0) : -1;
      };
      await until('the incidents on the map', async () => (await incidentsDrawn()) === app.visibleCounts.events);
      await until('the displacement circles on the map', async () => (await featureCount(sources.displacement)) > 0);
      const container = map.getContainer();
      Object.assign(container.style, { position: 'fixed', inset: 'auto', left: '0px', top: '0px', width: `${width}px`, height: `${height}px` });
      // Let MapLibre's own ResizeObserver see the new size first, so no resize lands after the capture.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      map.resize();
      // The view again, at the final size: the first layout may have clamped it to the map's bounds.
      map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom, bearing: view.bearing, pitch: view.pitch });
    },
    { sources: { incidents: SOURCE.incidents, displacement: SOURCE.displacement }, keys: HIGHLIGHT_KEYS, select: c.select, width: c.width, height: c.height, view: c.view },
  );
  if (c.select !== null) await page.locator('[data-testid="details"]').waitFor();
}

/**
 * Waits until the map is settled and returns its canvas as a PNG. `idle` comes only once tiles,
 * paint transitions and symbol fades are done; waiting for it twice, each time after asking for a
 * frame, makes sure no late source or resize is still on its way. `redraw()` and `toDataURL()` in one
 * task read the drawing buffer before the browser clears it (no preserveDrawingBuffer needed).
 */
export async function captureMap(page: Page, c: RenderCase): Promise<PNG> {
  const dataUrl = await page.evaluate(async () => {
    const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
    for (let i = 0; i < 2; i++) {
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
    }
    map.redraw();
    return map.getCanvas().toDataURL('image/png');
  });
  const png = decodePngDataUrl(dataUrl);
  const want = [c.width * c.pixelRatio, c.height * c.pixelRatio];
  if (png.width !== want[0] || png.height !== want[1]) throw new Error(`${c.name}: the canvas is ${png.width}×${png.height}, expected ${want.join('×')}`);
  return png;
}

/** A deliberate change to the style that the comparison must catch; `undo` restores the style. */
export interface Bite {
  readonly label: string;
  readonly apply: (page: Page) => Promise<void>;
  /** Null when the change is not undone (the last bite of a test). */
  readonly undo: ((page: Page) => Promise<void>) | null;
}

/** A paint property's name, and any value one may take, as MapLibre's `setPaintProperty` types them. */
type PaintName = Parameters<MlMap['setPaintProperty']>[1];
type PaintValue = Parameters<MlMap['setPaintProperty']>[2];

/** The colour property a layer of a given type draws with. */
const COLOUR_PROPERTY: Readonly<Record<string, PaintName>> = { background: 'background-color', fill: 'fill-color', line: 'line-color', circle: 'circle-color', symbol: 'text-color' };

/**
 * Sets a paint property in the page and returns a function that sets the old value back. An error
 * from MapLibre (an unknown layer, a bad value) reaches the console and fails the test.
 */
async function setPaint(page: Page, layer: string, property: PaintName | null, value: string | number[]): Promise<(page: Page) => Promise<void>> {
  // Values cross into the page as plain JSON; typed as MapLibre's paint values only inside it.
  const { prop, before } = await page.evaluate(
    ({ layer, property, value, colourProperty }) => {
      const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
      const type = map.getLayer(layer)?.type;
      if (!type) throw new Error(`bite: no layer ${layer}`);
      const prop = (property ?? colourProperty[type]) as PaintName | undefined;
      if (!prop) throw new Error(`bite: no colour property for a ${type} layer`);
      const before: unknown = map.getPaintProperty(layer, prop);
      map.setPaintProperty(layer, prop, value as PaintValue);
      return { prop: prop as string, before };
    },
    { layer, property: property as string | null, value, colourProperty: COLOUR_PROPERTY as Readonly<Record<string, string>> },
  );
  return async (p: Page) => {
    await p.evaluate(
      ({ layer, prop, before }) => {
        const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
        map.setPaintProperty(layer, prop as PaintName, before as PaintValue);
      },
      { layer, prop, before },
    );
  };
}

/** The three changes of issue #10 (a colour, a removed layer, a label moved 2 px), for one case. */
export function bitesFor(c: RenderCase): Bite[] {
  let undoRecolour: ((page: Page) => Promise<void>) | null = null;
  let undoMove: ((page: Page) => Promise<void>) | null = null;
  return [
    {
      label: `${c.bites.recolour} recoloured ${BITE_COLOUR}`,
      apply: async (page) => {
        undoRecolour = await setPaint(page, c.bites.recolour, null, BITE_COLOUR);
      },
      undo: (page) => undoRecolour?.(page) ?? Promise.resolve(),
    },
    {
      label: `${c.bites.moveLabel} moved 2 px right`,
      apply: async (page) => {
        undoMove = await setPaint(page, c.bites.moveLabel, 'text-translate', [2, 0]);
      },
      undo: (page) => undoMove?.(page) ?? Promise.resolve(),
    },
    {
      label: `${c.bites.remove} removed`,
      apply: async (page) => {
        await page.evaluate((layer) => {
          const { map } = (window as unknown as { conflictMap: Handle }).conflictMap;
          if (!map.getLayer(layer)) throw new Error(`bite: no layer ${layer}`);
          map.removeLayer(layer);
        }, c.bites.remove);
      },
      undo: null,
    },
  ];
}
