/**
 * The township files the importer codes places with, `public/data/townships.json` and
 * `public/data/townships-match.json`: their shape checked, the TopoJSON decoded, and the import
 * geography built from them. In the browser the import worker fetches them relative to the
 * page's base URL, once for the worker's life; Node tests pass the files' JSON themselves.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { isRecord } from '../../domain/guards.ts';
import { buildImportGeography, type ImportGeography } from '../../geo/township-geography.ts';
import type { TownshipEntry, TownshipPolygons } from '../../geo/township-index.ts';

/** Where the township index lies, relative to the app's base URL. */
export const TOWNSHIP_INDEX_PATH = 'data/townships.json';
/** Where the simplified township polygons (TopoJSON, object `townships`) lie, relative to the app's base URL. */
export const TOWNSHIP_MATCH_PATH = 'data/townships-match.json';

type Named = Pick<TownshipEntry, 'pcode' | 'name_en' | 'admin1'>;

function isNamed(v: unknown): v is Named {
  return isRecord(v) && typeof v.pcode === 'string' && typeof v.name_en === 'string' && typeof v.admin1 === 'string';
}

/**
 * Builds the import geography from the parsed JSON of the two files. Throws, with the file's
 * name, when one does not have the expected shape.
 *
 * @example
 * const geography = geographyFromFiles(JSON.parse(indexText), JSON.parse(matchText));
 */
export function geographyFromFiles(indexJson: unknown, matchJson: unknown): ImportGeography {
  if (!isRecord(indexJson) || !Array.isArray(indexJson.townships) || !Array.isArray(indexJson.districts)) {
    throw new Error(`${TOWNSHIP_INDEX_PATH} has no townships and districts lists`);
  }
  const townships = indexJson.townships.filter(isNamed);
  const districts = indexJson.districts.filter(isNamed);
  if (townships.length === 0) throw new Error(`${TOWNSHIP_INDEX_PATH} lists no townships`);
  const objects = isRecord(matchJson) && matchJson.type === 'Topology' && isRecord(matchJson.objects) ? matchJson.objects : null;
  const collection = objects !== null && isRecord(objects.townships) && objects.townships.type === 'GeometryCollection' ? objects.townships : null;
  if (collection === null) throw new Error(`${TOWNSHIP_MATCH_PATH} is not TopoJSON with a "townships" collection`);
  const decoded = feature(matchJson as unknown as Topology, collection as unknown as GeometryCollection);
  const polygons: TownshipPolygons = {
    type: 'FeatureCollection',
    features: [],
  };
  for (const f of 'features' in decoded ? decoded.features : [decoded]) {
    const pcode: unknown = (f.properties as Record<string, unknown> | null)?.pcode;
    const g = f.geometry;
    if (typeof pcode === 'string' && g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
      polygons.features.push({ type: 'Feature', properties: { pcode }, geometry: g });
    }
  }
  return buildImportGeography({ townships, districts }, polygons);
}

const loaded = new Map<string, Promise<ImportGeography>>();

async function fetchJson(url: URL, fetchFn: typeof fetch): Promise<unknown> {
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${res.status}`);
  return res.json();
}

/**
 * Fetches the township files relative to `baseUrl` (the page's `document.baseURI`) and builds the
 * import geography, once per base URL for the life of the worker. A failed load is not kept, so
 * the next import tries again.
 *
 * @example
 * const geography = await fetchImportGeography(request.baseUrl);
 */
export function fetchImportGeography(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<ImportGeography> {
  let promise = loaded.get(baseUrl);
  if (promise === undefined) {
    promise = Promise.all([fetchJson(new URL(TOWNSHIP_INDEX_PATH, baseUrl), fetchFn), fetchJson(new URL(TOWNSHIP_MATCH_PATH, baseUrl), fetchFn)]).then(
      ([index, match]) => geographyFromFiles(index, match),
    );
    loaded.set(baseUrl, promise);
    promise.catch(() => loaded.delete(baseUrl));
  }
  return promise;
}
