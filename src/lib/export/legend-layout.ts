/**
 * What the snapshot legend lists and where each row goes. Rows flow into up to three columns
 * when the map is not tall enough for one.
 *
 * Part of the export composition layer (`src/lib/export/`): pure, no maplibre-gl. The symbols
 * mirror the map's (src/lib/map/marker-icons.ts, incident-layers.ts) and the app legend's wording.
 */
import { CATEGORIES, categoryDef, type CategoryId } from '../domain/categories.ts';
import { FOCUS_AREAS, type FocusAreaId } from '../domain/areas.ts';
import { DISPLACEMENT_LEGEND_STEPS, displacementRadiusPx } from '../symbols/displacement.ts';
import { evidenceLegendRows } from '../symbols/legend.ts';
import type { SymbolRef } from '../symbols/svg.ts';
import { SYMBOLS } from '../symbols/table.ts';
import { dayNumber, formatDay } from '../domain/calendar.ts';
import { formatDayRange, joinWords } from './naming.ts';
import { layoutText, type TextBlock, type TextMeasurer } from './text-layout.ts';

/** What the caller found inside the exported bounds; the legend shows exactly this. */
export interface LegendContent {
  /** Categories drawn on the exported map, in the order to list them. */
  readonly categories: readonly CategoryId[];
  /** Which evidence and precision symbols appear on the exported map. */
  readonly evidence: { readonly hollow: boolean; readonly ring: boolean; readonly area: boolean };
  /** The displacement figures drawn, or null when no circle is: the legend says whose and as of when. */
  readonly displacement: DisplacementLegend | null;
  readonly focusAreas: readonly FocusAreaId[];
}

/** What the legend says about the displacement circles drawn (issue #12: a figure needs its date). */
export interface DisplacementLegend {
  /** The days (ISO) the figures drawn are "as of", without repeats, in order. */
  readonly asOf: readonly string[];
  /** Who published them, without repeats, in order. */
  readonly sources: readonly string[];
}

export interface CircleStep {
  readonly people: number;
  readonly radius: number;
  readonly label: TextBlock;
}

/** A symbol from the symbol table, or the nested displacement circles. */
export type LegendSymbol = SymbolRef | { readonly kind: 'circles'; readonly steps: readonly CircleStep[] };

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A text block and the top-left corner of its first line. */
export interface PlacedText {
  readonly block: TextBlock;
  readonly x: number;
  readonly y: number;
}

export interface PlacedLegendItem {
  /** Null for a section heading. */
  readonly symbol: LegendSymbol | null;
  readonly symbolBox: Box | null;
  readonly text: PlacedText | null;
  readonly box: Box;
}

export interface PlacedLegend {
  readonly box: Box;
  readonly items: readonly PlacedLegendItem[];
  readonly columns: number;
  /** False when even the most columns allowed leave the legend taller or wider than its space. */
  readonly fits: boolean;
}

export interface LegendMetrics {
  /** Widest a column gets; labels wrap to it. */
  readonly maxColumnWidth: number;
  readonly padding: number;
  readonly textSize: number;
  readonly headingSize: number;
  readonly labelSize: number;
  readonly maxColumns: number;
}

/** Legend symbols are drawn at the map marker's own size. */
export const MARKER_BOX = SYMBOLS.marker.size;
export const SYMBOL_GAP = 6;
const ROW_GAP = 3;
const SECTION_GAP = 6;
const COLUMN_GAP = 14;
/** Narrowest column: the displacement circles (66 px) with "150,000" beside them still fit. */
const MIN_COLUMN_WIDTH = 120;

type RowSpec =
  | { readonly kind: 'symbol'; readonly symbol: Exclude<LegendSymbol, { kind: 'circles' }>; readonly label: string }
  | { readonly kind: 'displacement' }
  | { readonly kind: 'note'; readonly text: string };

interface SectionSpec {
  readonly heading: string;
  readonly rows: readonly RowSpec[];
}

function symbolRow(symbol: Exclude<LegendSymbol, { kind: 'circles' }>, label: string): RowSpec {
  return { kind: 'symbol', symbol, label };
}

function evidenceRows(evidence: LegendContent['evidence'], category: CategoryId): RowSpec[] {
  const shown = { solid: evidence.hollow, hollow: evidence.hollow, ring: evidence.ring, area: evidence.area };
  return evidenceLegendRows(category)
    .filter((row) => shown[row.key])
    .map((row) => symbolRow(row.symbol, row.label));
}

/** Above this many different dates, the note gives the first and last instead of each. */
const MAX_LISTED_DATES = 3;

/**
 * The line under the displacement circles: who counted and as of when, e.g. "UNHCR, as of
 * 31 January 2022". Several dates (the map shows the latest figure per area) are each named, or
 * given as a span when there are many. Empty when the figures carry neither.
 *
 * @example
 * displacementNote({ asOf: ['2022-01-31'], sources: ['UNHCR'] }); // "UNHCR, as of 31 January 2022"
 */
export function displacementNote(d: DisplacementLegend): string {
  const days = [...new Set(d.asOf)].map((s) => ({ s, n: dayNumber(s) })).filter((x): x is { s: string; n: number } => x.n !== null);
  days.sort((a, b) => a.n - b.n);
  const first = days[0];
  const last = days[days.length - 1];
  let when = '';
  if (first && last && days.length > MAX_LISTED_DATES) when = `as of ${formatDayRange({ start: first.s, end: last.s })} (latest for each area)`;
  else if (days.length) when = `as of ${joinWords(days.map((x) => formatDay(x.n)))}`;
  const who = joinWords([...new Set(d.sources.map((s) => s.trim()).filter(Boolean))]);
  return [who, when].filter(Boolean).join(', ');
}

/** The legend's sections for what the map shows, in the app legend's order and words. */
export function legendSections(content: LegendContent): SectionSpec[] {
  const sections: SectionSpec[] = [];
  const categories = [...new Set(content.categories)];
  if (categories.length) {
    const rows = categories.map((id) => symbolRow({ kind: 'marker', category: id, style: 'solid' }, categoryDef(id).label));
    sections.push({ heading: 'Incidents', rows });
  }
  // Evidence symbols take the colour of the first category on the map, as the reader sees them.
  const evidence = evidenceRows(content.evidence, categories[0] ?? CATEGORIES[0].id);
  if (evidence.length) sections.push({ heading: 'Evidence and precision', rows: evidence });
  if (content.displacement) {
    const note = displacementNote(content.displacement);
    const rows: RowSpec[] = [{ kind: 'displacement' }];
    if (note) rows.push({ kind: 'note', text: note });
    sections.push({ heading: 'People displaced, by state/region', rows });
  }
  const areas = FOCUS_AREAS.filter((a) => content.focusAreas.includes(a.id));
  if (areas.length) {
    sections.push({ heading: 'Focus areas', rows: areas.map((a) => symbolRow({ kind: 'swatch', area: a.id }, a.label)) });
  }
  return sections;
}

/** An item measured but not yet placed; positions are relative to the item's top-left. */
interface MeasuredItem {
  readonly symbol: LegendSymbol | null;
  readonly symbolBox: Box | null;
  readonly text: PlacedText | null;
  readonly width: number;
  readonly height: number;
  readonly heading: boolean;
}

const peopleFormat = new Intl.NumberFormat('en-GB');

/**
 * Where a reference circle of the nested displacement symbol sits in its box: circles stand on
 * a common base, and each label is centred on a leader line at its circle's top.
 */
export function nestedCircle(box: Box, radius: number): { cx: number; cy: number; top: number; labelX: number } {
  const maxRadius = box.height / 2;
  return { cx: box.x + maxRadius, cy: box.y + box.height - radius, top: box.y + box.height - 2 * radius, labelX: box.x + 2 * maxRadius + SYMBOL_GAP };
}

function measureCircles(m: TextMeasurer, metrics: LegendMetrics, maxWidth: number): MeasuredItem {
  const maxRadius = displacementRadiusPx(DISPLACEMENT_LEGEND_STEPS[DISPLACEMENT_LEGEND_STEPS.length - 1] ?? 0);
  const labelWidth = Math.max(1, maxWidth - 2 * maxRadius - SYMBOL_GAP);
  const steps = DISPLACEMENT_LEGEND_STEPS.map((people) => ({
    people,
    radius: displacementRadiusPx(people),
    label: layoutText(m, peopleFormat.format(people), labelWidth, metrics.labelSize),
  }));
  // Labels sit on the circles' tops, so the first one reaches half a line above the largest circle.
  const top = Math.max(...steps.map((s) => s.label.height)) / 2;
  const width = 2 * maxRadius + SYMBOL_GAP + Math.max(...steps.map((s) => s.label.width));
  const height = top + 2 * maxRadius;
  return {
    symbol: { kind: 'circles', steps },
    symbolBox: { x: 0, y: top, width, height: 2 * maxRadius },
    text: null,
    width,
    height,
    heading: false,
  };
}

function measureNote(m: TextMeasurer, text: string, metrics: LegendMetrics, maxWidth: number): MeasuredItem {
  const block = layoutText(m, text, maxWidth, metrics.labelSize);
  return { symbol: null, symbolBox: null, text: { block, x: 0, y: 0 }, width: block.width, height: block.height, heading: false };
}

function measureRow(m: TextMeasurer, row: RowSpec, metrics: LegendMetrics, maxWidth: number): MeasuredItem {
  if (row.kind === 'displacement') return measureCircles(m, metrics, maxWidth);
  if (row.kind === 'note') return measureNote(m, row.text, metrics, maxWidth);
  const block = layoutText(m, row.label, Math.max(1, maxWidth - MARKER_BOX - SYMBOL_GAP), metrics.textSize);
  const height = Math.max(MARKER_BOX, block.height);
  return {
    symbol: row.symbol,
    symbolBox: { x: 0, y: (height - MARKER_BOX) / 2, width: MARKER_BOX, height: MARKER_BOX },
    text: { block, x: MARKER_BOX + SYMBOL_GAP, y: (height - block.height) / 2 },
    width: MARKER_BOX + SYMBOL_GAP + block.width,
    height,
    heading: false,
  };
}

function measureHeading(m: TextMeasurer, heading: string, metrics: LegendMetrics, maxWidth: number): MeasuredItem {
  const block = layoutText(m, heading, maxWidth, metrics.headingSize, 700);
  return { symbol: null, symbolBox: null, text: { block, x: 0, y: 0 }, width: block.width, height: block.height, heading: true };
}

function measureItems(m: TextMeasurer, sections: readonly SectionSpec[], metrics: LegendMetrics, columnWidth: number): MeasuredItem[] {
  return sections.flatMap((s) => [
    measureHeading(m, s.heading, metrics, columnWidth),
    ...s.rows.map((r) => measureRow(m, r, metrics, columnWidth)),
  ]);
}

function gapBefore(item: MeasuredItem): number {
  return item.heading ? SECTION_GAP : ROW_GAP;
}

/** Greedy column flow; a heading never ends a column, it moves on with its first row. */
function flowColumns(items: readonly MeasuredItem[], maxHeight: number): MeasuredItem[][] {
  const columns: MeasuredItem[][] = [[]];
  let height = 0;
  items.forEach((item, i) => {
    const column = columns[columns.length - 1] as MeasuredItem[];
    const next = items[i + 1];
    const keepWith = item.heading && next ? ROW_GAP + next.height : 0;
    const gap = column.length ? gapBefore(item) : 0;
    if (column.length && height + gap + item.height + keepWith > maxHeight) {
      columns.push([item]);
      height = item.height;
    } else {
      column.push(item);
      height += gap + item.height;
    }
  });
  return columns;
}

function columnHeight(column: readonly MeasuredItem[]): number {
  return column.reduce((h, item, i) => h + item.height + (i ? gapBefore(item) : 0), 0);
}

function placeColumns(columns: readonly MeasuredItem[][], x: number, y: number, padding: number): PlacedLegendItem[] {
  const placed: PlacedLegendItem[] = [];
  let left = x + padding;
  for (const column of columns) {
    let top = y + padding;
    column.forEach((item, i) => {
      if (i) top += gapBefore(item);
      const at = (b: Box): Box => ({ ...b, x: left + b.x, y: top + b.y });
      placed.push({
        symbol: item.symbol,
        symbolBox: item.symbolBox && at(item.symbolBox),
        text: item.text && { block: item.text.block, x: left + item.text.x, y: top + item.text.y },
        box: { x: left, y: top, width: item.width, height: item.height },
      });
      top += item.height;
    });
    left += Math.max(...column.map((c) => c.width)) + COLUMN_GAP;
  }
  return placed;
}

/**
 * Places the legend with its bottom-left corner at (`x`, `bottom`), no wider than `maxWidth` and
 * no taller than `maxHeight`, using the fewest columns that fit. Null when there is nothing to list.
 *
 * @example
 * placeLegend(ctx, { categories: ['air_strike'], evidence: { hollow: false, ring: false, area: false },
 *   displacement: null, focusAreas: [] }, metrics, { x: 10, bottom: 590, maxWidth: 600, maxHeight: 500 });
 */
export function placeLegend(
  m: TextMeasurer,
  content: LegendContent,
  metrics: LegendMetrics,
  space: { readonly x: number; readonly bottom: number; readonly maxWidth: number; readonly maxHeight: number },
): PlacedLegend | null {
  const sections = legendSections(content);
  if (!sections.length) return null;
  const inner = { width: space.maxWidth - 2 * metrics.padding, height: space.maxHeight - 2 * metrics.padding };
  const columns = flowIntoColumns(m, sections, metrics, inner);
  const width = columns.reduce((w, c) => w + Math.max(...c.map((i) => i.width)), 0) + (columns.length - 1) * COLUMN_GAP;
  const height = Math.max(...columns.map(columnHeight));
  const boxHeight = height + 2 * metrics.padding;
  // Anchored at the bottom; a legend too tall for the image starts at its top edge instead (flagged by `fits`).
  const box = { x: space.x, y: Math.max(0, space.bottom - boxHeight), width: width + 2 * metrics.padding, height: boxHeight };
  return {
    box,
    items: placeColumns(columns, box.x, box.y, metrics.padding),
    columns: columns.length,
    fits: box.width <= space.maxWidth && box.height <= space.maxHeight,
  };
}

/**
 * The fewest columns (up to `maxColumns`, each at least `MIN_COLUMN_WIDTH`) in which the legend
 * fits the space. When even the most columns are too tall, it keeps that many and lets them grow,
 * so the legend stays within its width.
 */
function flowIntoColumns(
  m: TextMeasurer,
  sections: readonly SectionSpec[],
  metrics: LegendMetrics,
  inner: { readonly width: number; readonly height: number },
): MeasuredItem[][] {
  const maxColumns = Math.max(1, Math.min(metrics.maxColumns, Math.floor((inner.width + COLUMN_GAP) / (MIN_COLUMN_WIDTH + COLUMN_GAP))));
  let items: MeasuredItem[] = [];
  for (let n = 1; n <= maxColumns; n++) {
    items = measureItems(m, sections, metrics, Math.min(metrics.maxColumnWidth, (inner.width - (n - 1) * COLUMN_GAP) / n));
    const columns = flowColumns(items, inner.height);
    if (columns.length <= n) return columns;
  }
  let height = Math.max(inner.height, ...items.map((i) => i.height));
  let columns = flowColumns(items, height);
  while (columns.length > maxColumns) {
    height *= 1.1;
    columns = flowColumns(items, height);
  }
  return columns;
}
