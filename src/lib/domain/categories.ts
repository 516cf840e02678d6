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
