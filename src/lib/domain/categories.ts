/**
 * The one table of incident categories. The map style, the legend, the filters and the
 * export all read it, so a colour or label changes in one place only.
 */
export type MarkerShape = 'triangle' | 'diamond' | 'square' | 'circle' | 'cross' | 'star' | 'pentagon';

export interface CategoryDef {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly shape: MarkerShape;
  readonly description: string;
}

export const CATEGORIES = [
  { id: 'air_strike', label: 'Air strike', color: '#c0162c', shape: 'triangle', description: 'Bombing or strafing by fixed-wing aircraft or drones' },
  { id: 'helicopter_attack', label: 'Helicopter attack', color: '#e8590c', shape: 'diamond', description: 'Fire from helicopters, including helicopter-borne raids' },
  { id: 'shelling', label: 'Shelling / artillery', color: '#7b4a12', shape: 'square', description: 'Artillery, mortar or other ground-launched fire' },
  { id: 'massacre_raid', label: 'Massacre / raid', color: '#6a1b9a', shape: 'star', description: 'Killings of civilians, raids and arson by ground forces' },
  { id: 'clash', label: 'Armed clash', color: '#1f5fa8', shape: 'cross', description: 'Fighting between armed groups' },
  { id: 'displacement', label: 'Displacement', color: '#00838f', shape: 'pentagon', description: 'People forced from their homes' },
  { id: 'other', label: 'Other violence', color: '#4a4a4a', shape: 'circle', description: 'Other events reported by a dataset' },
] as const satisfies readonly CategoryDef[];

export type CategoryId = (typeof CATEGORIES)[number]['id'];

export const CATEGORY_IDS: readonly CategoryId[] = CATEGORIES.map((c) => c.id);

const byId = new Map<string, CategoryDef>(CATEGORIES.map((c) => [c.id, c]));

/** The category definition for an id; unknown ids fall back to "other". */
export function categoryDef(id: string): CategoryDef {
  return byId.get(id) ?? (byId.get('other') as CategoryDef);
}

/** Type guard for category ids. */
export function isCategoryId(v: unknown): v is CategoryId {
  return typeof v === 'string' && byId.has(v);
}

/**
 * Marker outlines on a unit square (0..1, y down), shared by the map's icon images
 * and the legend's SVG so both draw the same symbol.
 */
export const SHAPE_PATHS: Record<MarkerShape, string> = {
  triangle: 'M0.5 0.06 L0.96 0.9 L0.04 0.9 Z',
  diamond: 'M0.5 0.03 L0.97 0.5 L0.5 0.97 L0.03 0.5 Z',
  square: 'M0.12 0.12 L0.88 0.12 L0.88 0.88 L0.12 0.88 Z',
  circle: 'M0.5 0.08 A0.42 0.42 0 1 1 0.4999 0.08 Z',
  cross: 'M0.36 0.06 L0.64 0.06 L0.64 0.36 L0.94 0.36 L0.94 0.64 L0.64 0.64 L0.64 0.94 L0.36 0.94 L0.36 0.64 L0.06 0.64 L0.06 0.36 L0.36 0.36 Z',
  star: 'M0.5 0.03 L0.62 0.37 L0.98 0.38 L0.69 0.59 L0.79 0.95 L0.5 0.74 L0.21 0.95 L0.31 0.59 L0.02 0.38 L0.38 0.37 Z',
  pentagon: 'M0.5 0.04 L0.96 0.38 L0.79 0.94 L0.21 0.94 L0.04 0.38 Z',
};
