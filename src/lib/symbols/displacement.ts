/**
 * Sizes of proportional symbols, shared by the map style, the legend and the export so the
 * legend's reference circles match what is drawn.
 */

/** Displacement circles: area proportional to people, constant on screen. */
export const DISPLACEMENT_PX_PER_SQRT_PERSON = 0.085;

/** Pixel radius of a displacement circle for a number of people. */
export function displacementRadiusPx(people: number): number {
  return Math.sqrt(Math.max(0, people)) * DISPLACEMENT_PX_PER_SQRT_PERSON;
}

/** Reference sizes shown in the legend. */
export const DISPLACEMENT_LEGEND_STEPS = [10_000, 50_000, 150_000] as const;

export const DISPLACEMENT_COLOR = { fill: 'rgba(0, 131, 143, 0.16)', stroke: '#00838f', text: '#005f66' } as const;
