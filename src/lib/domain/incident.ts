import type { CategoryId } from './categories.ts';
import type { DatePrecision, LocationPrecision } from './precision.ts';
import type { IsoDay } from './calendar.ts';
import type { VerificationStatus } from './verification.ts';
import type { ExternalRef } from './event-link.ts';

/** A date with its precision. `start`/`end` are inclusive calendar days. */
export interface IncidentDate {
  readonly precision: DatePrecision;
  readonly start: IsoDay;
  readonly end: IsoDay;
  /** A note for readers about the date, e.g. "at about 1 a.m." or "as of". */
  readonly note?: string;
}

/** What kind of document a source is; it decides how a citation manager files it. */
export const SOURCE_KINDS = ['news', 'report', 'map', 'dataset', 'encyclopedia', 'webpage'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Type guard for source kinds. */
export function isSourceKind(v: unknown): v is SourceKind {
  return typeof v === 'string' && (SOURCE_KINDS as readonly string[]).includes(v);
}

/**
 * A source, as readers see it. Every text field is public: it is shown, cited and exported.
 * Notes meant for the people who curate the data never live here (see `geo/curated/`).
 */
export interface SourceRef {
  readonly publisher: string;
  /** The document's own title; null when it is not known (never a placeholder). */
  readonly title: string | null;
  /** What an untitled document is, in plain words: "South-East overview map, as of 8 August 2022". */
  readonly description?: string;
  readonly kind?: SourceKind;
  readonly date: IsoDay | null;
  readonly url: string | null;
  /** Reached only through another source, e.g. "via UCDP GED 426904". */
  readonly secondary: boolean;
  readonly via?: string;
  /** A note for readers, in plain words: what the source is, or what about it could not be checked. */
  readonly note?: string;
}

export type FigureQualifier = 'exact' | 'at_least' | 'more_than' | 'about' | 'range' | 'unspecified';

/** A count as sources state it: "2–3", "at least 11", "thousands", "over 10,000". */
export interface Figure {
  readonly low: number | null;
  readonly high: number | null;
  readonly qualifier: FigureQualifier;
  /** The figure in the source's own words. */
  readonly text: string;
  /** Who gives this figure (publisher, or dataset). */
  readonly source: string;
}

/** A weapon or aircraft claim with the source that makes it. */
export interface WeaponClaim {
  readonly text: string;
  readonly source: string;
}

export interface Place {
  readonly name: string;
  readonly nameMy?: string;
  /** English state/region name, e.g. "Sagaing". */
  readonly admin1: string;
  readonly township?: string;
  /**
   * MIMU place code of the township the incident counts in ("MMR005010" for Tabayin): the
   * township its source names, matched by name within its state or region, or for a precise
   * point the township the point lies in. Absent when the place is known only to a district or wider.
   */
  readonly townshipCode?: string;
  /**
   * For a place known only to an area (a township, a district, a state or region): that area's
   * code (MIMU township or district place code, or ISO 3166-2 for a state or region), so the map
   * draws the area, not a pin. Absent for precise places and when no area matches.
   */
  readonly areaCode?: string;
  /** Where the coordinates come from when it is not the incident's sources (e.g. "MIMU village locations"). */
  readonly locationSource?: string;
}

/**
 * An incident as the map, the filters, the list, the counts and the linking read it: everything
 * but the long texts. A dataset may hold only records and give the details (sources, summary,
 * figures) when they are asked for; an `Incident` is a record with its details.
 */
export interface IncidentRecord {
  readonly id: string;
  readonly category: CategoryId;
  readonly title: string;
  readonly date: IncidentDate;
  readonly place: Place;
  readonly lon: number;
  readonly lat: number;
  readonly precision: LocationPrecision;
  /** How far the record was checked; the details add `text`. */
  readonly verification: { readonly status: VerificationStatus; readonly text?: string };
  /** Dataset id: "curated" for ours, "ucdp-ged" for the built-in UCDP record, otherwise an imported dataset's id. */
  readonly dataset: string;
  /**
   * Events of public datasets this record is known to be (a curated record citing UCDP GED
   * 448773): linked exactly to those rows when both are loaded. Never empty when present.
   */
  readonly refs?: readonly ExternalRef[];
  /** The record's own id in a public dataset (UCDP GED, ACLED), where a record without details carries it. */
  readonly ownRef?: ExternalRef | null;
  /** True when an importer chose the category for want of a weapon keyword, where a record without details carries it. */
  readonly categoryFallback?: boolean;
}

/** A record with its details: what the details panel, the citation and the data exports show. */
export interface Incident extends IncidentRecord {
  /** The coordinates the source itself gave, when we placed the point elsewhere (e.g. a township centroid). */
  readonly sourceCoordinates?: { readonly lon: number; readonly lat: number; readonly note: string } | null;
  readonly weapons: readonly WeaponClaim[];
  readonly killed: readonly Figure[];
  readonly displaced: readonly Figure[];
  readonly summary: string;
  readonly sources: readonly SourceRef[];
  /** How far the record was checked; `text` adds, in plain words, what the status label does not say ('' when nothing). */
  readonly verification: { readonly status: VerificationStatus; readonly text: string };
  /** Any properties an import kept as they were. */
  readonly extra?: Readonly<Record<string, string | number | boolean | null>>;
}

/** True when a record carries its details (it is a whole Incident). */
export function hasDetails(r: IncidentRecord): r is Incident {
  return 'sources' in r && Array.isArray((r as Incident).sources);
}

/** A displacement figure for an area at a date. Figures are never summed across dates. */
export interface DisplacementFigure {
  readonly id: string;
  /** ISO 3166-2 code ("MM-01"), "MM" for the country, or a macro-region id ("north-west", "south-east"). */
  readonly area: string;
  readonly areaName: string;
  readonly asOf: IncidentDate;
  /** "since_coup": displaced since 1 Feb 2021; "total": all IDPs incl. before the coup. */
  readonly measure: 'since_coup' | 'total';
  readonly figure: Figure;
  readonly source: SourceRef;
  readonly factsId: string;
}
