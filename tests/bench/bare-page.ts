/**
 * The bench's bare page: papaparse on the main thread with the importer's configuration,
 * then one MapLibre circle layer (no clustering, no basemap data). It is the baseline for
 * "file to drawn". Results go to `window.__bare`.
 */
import { GeoJSONSource, Map as MlMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import Papa from 'papaparse';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';

setWorkerUrl(workerUrl);

// The app's DEFAULT_VIEW (app-state.svelte.ts, a runes module this plain build cannot compile).
const VIEW = { lon: 96.6, lat: 19.6, zoom: 4.9 };

interface BareResult {
  chosenAt?: number;
  parsedAt?: number;
  drawnAt?: number;
  rows?: number;
}
const result: BareResult = {};
(window as unknown as { __bare: BareResult }).__bare = result;
// The bench's own import worker (the app's importer plus benchmark modes), started on demand.
(window as unknown as { __benchImportWorker: () => Worker }).__benchImportWorker = () =>
  new Worker(new URL('./import-bench.worker.ts', import.meta.url), { type: 'module' });

const container = document.getElementById('map') as HTMLElement;
const map = new MlMap({
  container,
  center: [VIEW.lon, VIEW.lat],
  zoom: VIEW.zoom,
  attributionControl: false,
  style: {
    version: 8,
    sources: { points: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f7f5ef' } },
      { id: 'points', type: 'circle', source: 'points', paint: { 'circle-radius': 4, 'circle-color': '#c0162c', 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 1 } },
    ],
  },
});
map.once('idle', () => (container.dataset.ready = 'true'));

const input = document.getElementById('file') as HTMLInputElement;
input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (!file) return;
  result.chosenAt = performance.now();
  const features: Feature<Point>[] = [];
  Papa.parse<Record<string, string>>(file, {
    ...PAPA_CONFIG,
    chunk(results) {
      for (const row of results.data) {
        const lat = Number(row.latitude);
        const lon = Number(row.longitude);
        if (Number.isFinite(lat) && Number.isFinite(lon)) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: {} });
      }
    },
    complete() {
      result.parsedAt = performance.now();
      result.rows = features.length;
      const data: FeatureCollection<Point> = { type: 'FeatureCollection', features };
      map.once('idle', () => (result.drawnAt = performance.now()));
      map.getSource<GeoJSONSource>('points')?.setData(data);
    },
  });
});
