/**
 * Checks that every curated incident whose record names a township lies in that township's
 * polygon (issue #11). Pure: it takes the records and the cleaned MIMU township polygons at
 * source precision (`geo/data/townships-full.topojson`, decoded) and returns every problem with
 * the record's id. The township is found by the importer's own matcher
 * (`src/lib/geo/township-match.ts`), within the record's state or region, so "Yinmarbin" is
 * MIMU's Yinmabin here exactly as it is in an import. A point within
 * {@link TOWNSHIP_TOLERANCE_KM} outside its township is a warning with the distance; farther out
 * is an error that says which township the point does lie in.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, point, pointToPolygonDistance } from '@turf/turf';
import { isRecord } from '../../src/lib/domain/guards.ts';
import { buildTownshipMatcher, matchTownship } from '../../src/lib/geo/township-match.ts';
import type { Problem, ValidationReport } from './validate-incidents.ts';

/** Properties of a township polygon in `geo/data/townships-full.topojson` that the check reads. */
export interface FullTownshipProps {
  readonly pcode: string;
  readonly name_en: string;
  readonly admin1: string;
}

export type FullTownships = FeatureCollection<Polygon | MultiPolygon, FullTownshipProps>;

/**
 * How far outside its township a point may lie and still only warn: a village on a river that
 * forms the border can fall just across the 2014 line. 2 km is far less than any township's size.
 */
export const TOWNSHIP_TOLERANCE_KM = 2;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The township check over a list of records (`public/data/incidents.json`'s `incidents`).
 * Records without a township are skipped; a township that matches no MIMU township, or a
 * `townshipCode` that is not the township the record names, is an error.
 *
 * @example
 * const { errors, warnings } = validateIncidentTownships(incidents, townships);
 */
export function validateIncidentTownships(incidents: readonly unknown[], townships: FullTownships): ValidationReport {
  const report: { errors: Problem[]; warnings: Problem[] } = { errors: [], warnings: [] };
  const matcher = buildTownshipMatcher(townships.features.map((f) => f.properties));
  const byPcode = new Map(townships.features.map((f) => [f.properties.pcode, f]));
  incidents.forEach((raw, index) => {
    if (!isRecord(raw) || !isRecord(raw['place'])) return;
    const id = typeof raw['id'] === 'string' ? raw['id'] : `#${index}`;
    const place = raw['place'];
    const name = place['township'];
    if (typeof name !== 'string' || name.trim() === '') return;
    const admin1 = typeof place['admin1'] === 'string' ? place['admin1'] : '';
    const match = matchTownship(matcher, { name, admin1 });
    const township = match === null ? undefined : byPcode.get(match.pcode);
    if (township === undefined) {
      report.errors.push({ id, reason: `township "${name}" (${admin1}) matches no MIMU township` });
      return;
    }
    const label = `${township.properties.name_en} Township (${township.properties.pcode})`;
    const code = place['townshipCode'];
    if (code !== undefined && code !== township.properties.pcode) {
      report.errors.push({ id, reason: `townshipCode ${String(code)} is not ${label}, the township the record names` });
    }
    const lon = raw['lon'];
    const lat = raw['lat'];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
    const at = point([lon, lat]);
    if (booleanPointInPolygon(at, township)) return;
    const distanceKm = round2(Math.abs(pointToPolygonDistance(at, township, { units: 'kilometers' })));
    if (distanceKm <= TOWNSHIP_TOLERANCE_KM) {
      report.warnings.push({ id, reason: `point is ${distanceKm} km outside ${label} (within ${TOWNSHIP_TOLERANCE_KM} km)`, distanceKm });
      return;
    }
    const actual = townships.features.find((f) => booleanPointInPolygon(at, f));
    const where = actual ? `it lies in ${actual.properties.name_en} Township (${actual.properties.pcode})` : 'it lies in no township';
    report.errors.push({ id, reason: `point is ${distanceKm} km outside ${label}; ${where}`, distanceKm });
  });
  return report;
}
