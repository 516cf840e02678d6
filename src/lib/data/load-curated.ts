import type { DisplacementFigure, Incident } from '../domain/incident.ts';
import { isRecord } from '../domain/guards.ts';
import type { TownshipIndex } from '../geo/township-index.ts';

export interface CuratedData {
  readonly version: string;
  readonly incidents: readonly Incident[];
  readonly displacement: readonly DisplacementFigure[];
  readonly displacementVersion: string;
}

async function fetchJson(path: string): Promise<unknown> {
  const res = await fetch(new URL(path, document.baseURI));
  if (!res.ok) throw new Error(`Could not load ${path}: HTTP ${res.status}`);
  return res.json();
}

/** The curated data's files, relative to the page. */
export const CURATED_FILES = { incidents: 'data/incidents.json', displacement: 'data/displacement.json' } as const;

/** Loads the curated incidents and displacement figures shipped with the app (validated at build time by `npm run validate-data`). */
export async function loadCuratedData(): Promise<CuratedData> {
  const [inc, disp] = await Promise.all([fetchJson(CURATED_FILES.incidents), fetchJson(CURATED_FILES.displacement)]);
  if (!isRecord(inc) || !Array.isArray(inc['incidents'])) throw new Error('data/incidents.json has no incidents array');
  if (!isRecord(disp) || !Array.isArray(disp['figures'])) throw new Error('data/displacement.json has no figures array');
  return {
    version: String(inc['version'] ?? ''),
    incidents: inc['incidents'] as Incident[],
    displacement: disp['figures'] as DisplacementFigure[],
    displacementVersion: String(disp['version'] ?? ''),
  };
}

/** Loads a GeoJSON file shipped in `public/data`. */
export async function loadShippedGeoJson<T>(path: string): Promise<T> {
  return (await fetchJson(path)) as T;
}

/** Loads the township and district index shipped with the app (`geo/derive-local-geo.ts` writes it). */
export async function loadTownshipIndex(): Promise<TownshipIndex> {
  const raw = await fetchJson('data/townships.json');
  if (!isRecord(raw) || !Array.isArray(raw['townships']) || !Array.isArray(raw['districts'])) throw new Error('data/townships.json has no townships');
  return raw as unknown as TownshipIndex;
}
