import type { Incident } from './incident.ts';

/** The id of the curated dataset that ships with the app. */
export const CURATED_DATASET = 'curated';

/** Outline styles that tell imported datasets apart; colour always means category. */
export const DATASET_OUTLINES = ['ring-dark', 'ring-double', 'ring-dashed', 'ring-thick'] as const;
export type DatasetOutline = (typeof DATASET_OUTLINES)[number];

/** Counts of an import, kept with the dataset so the report can be shown again. */
export interface ImportCounts {
  readonly rowsRead: number;
  readonly rowsShown: number;
  readonly rowsRejected: number;
  readonly duplicates: number;
}

/** A file the user imported, kept as its own dataset with its own toggle and outline. */
export interface ImportedDataset {
  readonly id: string;
  readonly name: string;
  readonly fileName: string;
  readonly format: string;
  /** ISO timestamp of the import. */
  readonly importedAt: string;
  readonly incidents: readonly Incident[];
  readonly counts: ImportCounts;
  /** Attribution the dataset's terms require (ACLED, UCDP GED), shown in the legend and exports. */
  readonly attribution: string | null;
  readonly outline: DatasetOutline;
}

/** One ring of an outline: radius and stroke width in CSS pixels, optional dash pattern. */
export interface OutlineRing {
  readonly r: number;
  readonly width: number;
  readonly dash?: readonly number[];
}

/**
 * How each outline style is drawn around an imported dataset's markers; the map's icons and
 * the dataset list's samples both draw from this table.
 */
export const OUTLINE_RINGS: Record<DatasetOutline, readonly OutlineRing[]> = {
  'ring-dark': [{ r: 12, width: 1.6 }],
  'ring-double': [{ r: 11, width: 1.2 }, { r: 14.5, width: 1.2 }],
  'ring-dashed': [{ r: 12.5, width: 1.8, dash: [3, 2.5] }],
  'ring-thick': [{ r: 12.5, width: 3.2 }],
};

export const OUTLINE_COLOR = '#1f1d19';
