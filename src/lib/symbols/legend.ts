/**
 * The words that explain each evidence and precision symbol, shared by the app's legend and the
 * export's, so both say the same thing beside the same symbol.
 */
import type { SymbolRef } from './svg.ts';

export type EvidenceKey = 'solid' | 'hollow' | 'ring' | 'area';

export interface EvidenceLegendRow {
  readonly key: EvidenceKey;
  readonly symbol: SymbolRef;
  readonly label: string;
}

/** The evidence and precision rows, drawn in one category's colour. */
export function evidenceLegendRows(category: string): EvidenceLegendRow[] {
  return [
    { key: 'solid', symbol: { kind: 'marker', category, style: 'solid' }, label: 'Solid: reported by several sources or a dataset' },
    { key: 'hollow', symbol: { kind: 'marker', category, style: 'hollow' }, label: 'Hollow: single source or unverified' },
    { key: 'ring', symbol: { kind: 'ring', category }, label: 'Ring: place known only to within about 25 km (the ring shows the distance; zoomed in, it is faint except for the selected incident)' },
    { key: 'area', symbol: { kind: 'marker', category, style: 'area' }, label: 'Dashed: known only to a township, district or wider; the area is tinted, never a pin on a town' },
  ];
}
