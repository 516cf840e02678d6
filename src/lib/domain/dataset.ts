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
  /** The licence and citation the dataset came with (a map package carries them), when known. */
  readonly licence?: string | null;
  readonly citation?: string | null;
  /** The map package it was opened from (its file name), when it came in one. */
  readonly fromPackage?: string;
}

/**
 * A loaded dataset as exports and the legend name and credit it: built in, published with the
 * site, or imported. `version` is a shipped dataset's content hash (12 hex digits) or an imported
 * one's import time.
 */
export interface DatasetInfo {
  readonly id: string;
  readonly name: string;
  readonly attribution: string | null;
  readonly version: string;
}
