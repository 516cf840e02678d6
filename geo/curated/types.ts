/**
 * Shapes of the hand-checked curation tables. The facts file gives what sources say; these
 * tables record what we decided about each row (category, wording, placement, which source
 * says which number), so every decision is in one reviewable place.
 *
 * Two kinds of text live here and must never mix. Public fields (title, summary, place, figures,
 * a source's `note`, `verificationText`, `dateNote`, `sourceCoordinatesNote`) are what readers
 * see, cite and export: plain words, no reference to our own files. `curationNote` and
 * `precisionOverride.reason` are for us; the derivation drops them, so they never reach
 * `public/data/`.
 */
import type { CategoryId } from '../../src/lib/domain/categories.ts';
import type { IncidentDate, SourceRef, WeaponClaim } from '../../src/lib/domain/incident.ts';

/** A source as curated: the public record plus, optionally, a note for curators only. */
export type CuratedSource = SourceRef & {
  /** For curators only (what the facts file says, what we could not check and why); never published. */
  readonly curationNote?: string;
};
import type { LocationPrecision } from '../../src/lib/domain/precision.ts';

/** Where the marker goes. Coordinates are never typed in here: they come from a reference file. */
export type Placement =
  /** The facts row's own coordinates, which must match a gazetteer entry (town/village) or are a district seat. */
  | { readonly kind: 'facts_coordinates' }
  /**
   * The whole township (matched to its MIMU polygon by the import's township matcher): the map
   * draws the township, and the marker stands at its MIMU label point from `public/data/townships.json`.
   * The facts' coordinates are kept as `sourceCoordinates`.
   */
  | { readonly kind: 'township_area'; /** Public: shown with the reported coordinates. */ readonly sourceCoordinatesNote?: string }
  /**
   * A village of the MIMU village file (`public/data/places-local.json`), found by its English name
   * within the record's township (two villages may share a name, as Let Yet Kone does): for a place
   * the sources name but do not locate. The place's `locationSource` names the file; the facts'
   * coordinates are kept as `sourceCoordinates`.
   */
  | { readonly kind: 'mimu_village'; readonly village: string; /** Public: shown with the reported coordinates. */ readonly sourceCoordinatesNote?: string }
  /** The label point of the state or region, for records drawn as an area rather than a pin. */
  | { readonly kind: 'admin1_label' };

/** A figure as [the source's words, who says it]. */
export type FigureEntry = readonly [text: string, source: string];

export interface CuratedIncident {
  readonly id: string;
  /** Restates the facts-mapping table's answer so a reviewer sees it; the build fails if they differ. */
  readonly category: CategoryId;
  /** Set only where we deliberately differ from the facts word, with the reason. */
  readonly precisionOverride?: { readonly precision: LocationPrecision; readonly reason: string };
  readonly title: string;
  readonly summary: string;
  /**
   * Public: what readers should know about how far the record was checked, beyond the status
   * label ("The RFA report's exact wording could not be checked."); '' when the label says it all.
   */
  readonly verificationText: string;
  /** Public: the facts' remark on the date in reader's words ("at about 1 a.m."); required when the facts give one. */
  readonly dateNote?: string;
  /** For curators only: what the facts' wording meant and what we decided; never published. */
  readonly curationNote?: string;
  readonly place: { readonly name: string; readonly admin1: string; readonly township?: string };
  readonly placement: Placement;
  readonly weapons: readonly WeaponClaim[];
  readonly killed: readonly FigureEntry[];
  readonly displaced: readonly FigureEntry[];
  readonly sources: readonly CuratedSource[];
}

export interface CuratedDisplacement {
  readonly id: string;
  readonly factsId: string;
  readonly area: string;
  readonly areaName: string;
  readonly measure: 'since_coup' | 'total';
  /** The figure in the source's words, parsed by `parseFigure`. */
  readonly text: string;
  /** Only where a row gives a second date for some of its figures (D05's national figures "as of 31 Jul"). */
  readonly asOf?: IncidentDate;
}

/** A facts row left out of the curated data, with the reason PROVENANCE.md repeats. */
export interface ExcludedRow {
  readonly id: string;
  readonly reason: string;
}
