import type { BBox, Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { area, polygon } from '@turf/turf';
import { clipToBbox } from './clip-to-bbox.ts';
import type { CountryProps } from './feature-props.ts';
import { labelPoint } from './label-point.ts';

/**
 * What a map centred on Myanmar shows at its opening views (Myanmar spans 92.2–101.2 E,
 * 9.6–28.6 N). Neighbour labels are placed inside this box, so that India is labelled in its
 * north-east rather than in central India, off screen.
 */
export const COUNTRY_LABEL_BBOX: BBox = [88, 8, 102, 29];

/** Properties of a point in `public/data/country-labels.geojson`. */
export type CountryLabelProps = Pick<CountryProps, 'name' | 'iso_n3'>;

/** Parts with area; clipping can leave zero-width runs along the box edge that hold no land. */
function partsWithArea(geometry: Polygon | MultiPolygon): Position[][][] {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return parts.filter((rings) => rings.length > 0 && area(polygon(rings)) > 0);
}

/**
 * One label point per country with land in `box`: the approximate pole of inaccessibility of the
 * largest part of the country clipped to the box, so the label sits in the widest visible stretch
 * of land, away from the box edge. Countries whose `iso_n3` is in `exclude` get no label.
 *
 * @example
 * const labels = countryLabelPoints(countries, COUNTRY_LABEL_BBOX, ['104']); // all but Myanmar
 */
export function countryLabelPoints(
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  box: BBox,
  exclude: readonly string[] = [],
): FeatureCollection<Point, CountryLabelProps> {
  const wanted = countries.features.filter((f) => !exclude.includes(f.properties.iso_n3));
  const features: Feature<Point, CountryLabelProps>[] = [];
  for (const country of clipToBbox({ type: 'FeatureCollection', features: wanted }, box).features) {
    const parts = partsWithArea(country.geometry);
    if (parts.length === 0) continue;
    const { name, iso_n3 } = country.properties;
    const visible: Feature<MultiPolygon, CountryLabelProps> = {
      type: 'Feature',
      properties: { name, iso_n3 },
      geometry: { type: 'MultiPolygon', coordinates: parts },
    };
    features.push(labelPoint(visible));
  }
  return { type: 'FeatureCollection', features };
}
