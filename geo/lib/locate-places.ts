import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { Admin1Props, PlaceProps } from './feature-props.ts';
import type { PlaceDraftProps } from './gazetteer.ts';

/** A vetted place that Natural Earth's generalised 1:10m outline leaves just outside Myanmar. */
export interface BoundaryException {
  /** Display name of the place, as in `places.geojson`. */
  name: string;
  /** How far outside the nearest unit the point may be, in km. */
  maxDistanceKm: number;
  reason: string;
}

/**
 * Places whose vetted coordinates fall outside Natural Earth's Myanmar by up to 2 km. The
 * coordinates are right (several sources agree), the 1:10m outline is coarse, so they are kept
 * and assigned to the nearest unit. Measured with `geo/data/myanmar-admin1-full.geojson`.
 */
export const PLACES_OUTSIDE_NE_BOUNDARY: readonly BoundaryException[] = [
  {
    name: 'Myawaddy',
    maxDistanceKm: 2.5,
    reason: 'on the Moei river border; Natural Earth draws the river west of the town (1.8 km), inside Thailand',
  },
  {
    name: 'Thay Baw Boe',
    maxDistanceKm: 1,
    reason: 'on the Moei river border; Natural Earth puts the point 0.4 km inside Thailand',
  },
  {
    name: 'Mawlamyine',
    maxDistanceKm: 2,
    reason: 'on the Thanlwin (Salween) estuary; Natural Earth leaves the waterfront in the sea (1.5 km)',
  },
];

type Unit = Feature<Polygon | MultiPolygon, Admin1Props>;

function nearestUnit(place: Feature<Point>, units: readonly Unit[]): { unit: Unit; km: number } {
  let best: { unit: Unit; km: number } | undefined;
  for (const unit of units) {
    const km = pointToPolygonDistance(place, unit, { units: 'kilometers' });
    if (!best || km < best.km) best = { unit, km };
  }
  if (!best) throw new Error('locatePlaces: no admin-1 units given');
  return best;
}

/**
 * Gives each place the code of the admin-1 unit that contains it and checks that unit against the
 * gazetteer's state or region. A point outside every unit is an error unless it is a listed
 * exception within its distance; a listed exception that now falls inside is an error too, so the
 * list stays true.
 *
 * @example
 * const places = locatePlaces(placesFromGazetteerCsv(csv), admin1Full, PLACES_OUTSIDE_NE_BOUNDARY);
 */
export function locatePlaces(
  drafts: FeatureCollection<Point, PlaceDraftProps>,
  units: FeatureCollection<Polygon | MultiPolygon, Admin1Props>,
  exceptions: readonly BoundaryException[],
): FeatureCollection<Point, PlaceProps> {
  const features = drafts.features.map((draft): Feature<Point, PlaceProps> => {
    const { ne_admin1: expectedUnit, ...props } = draft.properties;
    const exception = exceptions.find((e) => e.name === props.name);
    const container = units.features.find((unit) => booleanPointInPolygon(draft, unit));
    let unit: Unit;
    if (container) {
      if (exception) {
        throw new Error(`locatePlaces: "${props.name}" is listed as outside but lies in ${container.properties.code}`);
      }
      unit = container;
    } else {
      const nearest = nearestUnit(draft, units.features);
      const km = nearest.km.toFixed(2);
      if (!exception) {
        throw new Error(`locatePlaces: "${props.name}" lies outside every unit (${km} km from ${nearest.unit.properties.code})`);
      }
      if (nearest.km > exception.maxDistanceKm) {
        throw new Error(`locatePlaces: "${props.name}" is ${km} km outside, more than ${exception.maxDistanceKm} km`);
      }
      unit = nearest.unit;
    }
    if (unit.properties.name_en !== expectedUnit) {
      const found = unit.properties.name_en;
      throw new Error(`locatePlaces: "${props.name}" should be in ${expectedUnit} but lies in ${found}`);
    }
    const { name, kind, alt_names, admin1, ...rest } = props;
    return {
      type: 'Feature',
      properties: { name, kind, alt_names, admin1, admin1_code: unit.properties.code, ...rest },
      geometry: draft.geometry,
    };
  });
  return { type: 'FeatureCollection', features };
}
