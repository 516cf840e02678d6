import type { Feature, FeatureCollection, Point } from 'geojson';
import { dayNumber, dayParts, monthName } from '../domain/calendar.ts';
import type { DisplacementFigure, SourceRef } from '../domain/incident.ts';

export interface DisplacementProps {
  readonly area: string;
  readonly areaName: string;
  readonly people: number;
  /** The day the figure is "as of" (ISO); the export's legend prints it. */
  readonly asOf: string;
  /** Who published the figure, e.g. "UNHCR"; the export's legend credits it. */
  readonly source: string;
  /** The figure with its date, as the map labels it. */
  readonly label: string;
  readonly figureId: string;
  /** √people, so a style can size the circle and place the label beside it. */
  readonly radius: number;
}

/** "1 Aug 2022" for an ISO day (as written when it is not one). */
function shortDay(day: string): string {
  const n = dayNumber(day);
  if (n === null) return day;
  const p = dayParts(n);
  return `${p.day} ${monthName(p.month, true)} ${p.year}`;
}

/** Latest figure per area. Figures for different dates are never summed, only the newest is kept. */
export function latestFigureByArea(figures: readonly DisplacementFigure[]): Map<string, DisplacementFigure[]> {
  const latest = new Map<string, DisplacementFigure[]>();
  for (const f of figures) {
    const current = latest.get(f.area);
    const day = dayNumber(f.asOf.end) ?? 0;
    const currentDay = current?.[0] ? (dayNumber(current[0].asOf.end) ?? 0) : -Infinity;
    if (!current || day > currentDay) latest.set(f.area, [f]);
    else if (day === currentDay) current.push(f);
  }
  return latest;
}

const fmt = new Intl.NumberFormat('en-GB');

/** A number we may draw for a figure: its lower bound, never an invented midpoint. */
function drawablePeople(f: DisplacementFigure): number | null {
  return f.figure.low ?? f.figure.high;
}

/**
 * Displacement circles for the areas that have a point to stand on (states and regions): the
 * latest figure per area, placed on the area's label point. Macro-regions and the national
 * series are shown in the chart instead. Where one area has several figures on the same date
 * (e.g. UNHCR's Shan North and Shan South on Natural Earth's single Shan), each stays its own
 * circle, stacked at the same centre, so none is summed.
 */
export function displacementToFeatureCollection(
  figures: readonly DisplacementFigure[],
  labelPoint: (area: string) => readonly [number, number] | null,
  mapAreaOf: (f: DisplacementFigure) => string = (f) => f.area,
): FeatureCollection<Point, DisplacementProps> {
  const features: Feature<Point, DisplacementProps>[] = [];
  for (const group of latestFigureByArea(figures).values()) {
    for (const f of group) {
      const at = labelPoint(mapAreaOf(f));
      const people = drawablePeople(f);
      if (!at || people === null) continue;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [at[0], at[1]] },
        properties: {
          area: f.area,
          areaName: f.areaName,
          people,
          asOf: f.asOf.end,
          source: f.source.publisher,
          label: `${f.areaName}: ${f.figure.text || fmt.format(people)}\nas of ${shortDay(f.asOf.end)}`,
          radius: Math.sqrt(people),
          figureId: f.id,
        },
      });
    }
  }
  // Larger circles first so smaller ones stay visible on top.
  features.sort((a, b) => b.properties.people - a.properties.people);
  return { type: 'FeatureCollection', features };
}

export interface SeriesPoint {
  readonly day: number;
  readonly date: string;
  readonly people: number;
  readonly text: string;
  /** The publisher, for short labels. */
  readonly source: string;
  /** The whole source, for the table of figures and sources. */
  readonly sourceRef: SourceRef;
}
export interface DisplacementSeries {
  readonly key: string;
  readonly label: string;
  readonly points: readonly SeriesPoint[];
}

const SERIES_AREAS: Record<string, string> = { MM: 'Myanmar', 'north-west': 'North-West', 'south-east': 'South-East' };

/** The national and macro-region series over time, one per area and measure, in date order. */
export function displacementSeries(figures: readonly DisplacementFigure[]): DisplacementSeries[] {
  const byKey = new Map<string, { label: string; points: SeriesPoint[] }>();
  for (const f of figures) {
    const name = SERIES_AREAS[f.area];
    const people = drawablePeople(f);
    const day = dayNumber(f.asOf.end);
    if (!name || people === null || day === null) continue;
    const key = `${f.area}:${f.measure}`;
    const label = `${name}, ${f.measure === 'since_coup' ? 'displaced since the coup' : 'all IDPs'}`;
    const s = byKey.get(key) ?? { label, points: [] };
    s.points.push({ day, date: f.asOf.end, people, text: f.figure.text, source: f.source.publisher, sourceRef: f.source });
    byKey.set(key, s);
  }
  return [...byKey.entries()]
    .map(([key, s]) => ({ key, label: s.label, points: s.points.sort((a, b) => a.day - b.day) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
