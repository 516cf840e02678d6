/**
 * Property shapes of the features `geo/derive-local-geo.ts` puts into the vector tiles
 * (`public/tiles/local/`). Names are short and snake_case; a property a feature does not have
 * is absent (vector tiles cannot hold null).
 */

/** `townships` layer (polygons, every zoom). */
export interface TownshipTileProps {
  pcode: string;
  name_en: string;
  name_my: string;
  district_pcode: string;
  admin1: string;
}

/** `township_labels` layer (one point per township). */
export interface TownshipLabelProps {
  pcode: string;
  name_en: string;
  name_my: string;
}

/** `districts` and `district_labels` layers. */
export interface DistrictTileProps {
  pcode: string;
  name_en: string;
  /** Absent where the MIMU district file gives no Burmese name for this place code. */
  name_my?: string;
}

/** `towns` layer. */
export interface TownTileProps {
  pcode: string;
  /** MIMU English name without its trailing " Town". */
  name_en: string;
  name_my: string;
  /** The 2014 township polygon that holds the point. */
  ts_pcode: string;
  /** 1 for the state/region capitals and Nay Pyi Taw (geo/sources/state-capitals.csv), else 0. */
  capital: 0 | 1;
}

/** `villages` layer (a partial set: 14 Sagaing townships). */
export interface VillageTileProps {
  name_en: string;
  name_my: string;
  /** Village tract. */
  vt: string;
  ts_pcode: string;
}

/** `rivers` layer: Natural Earth rivers carry `scalerank` (and `name` where known), GSHHG lines carry `class`. */
export interface RiverTileProps {
  name?: string;
  scalerank?: number;
  /** GSHHG WDBII class: 1 double-lined river, 2 permanent major, 3 additional major, 4 additional, 10 minor canal. */
  class?: number;
}

/** `water` layer. */
export interface WaterTileProps {
  /** DCW name where known (e.g. "IRRAWADDY"); absent for "UNK" and for GSHHG lakes. */
  name?: string;
  /** "water" DCW inland water, "flood" DCW land subject to inundation, "lake" GSHHG lake. */
  kind: 'water' | 'flood' | 'lake';
  /** DCW only: "perennial" or "intermittent". */
  regime?: 'perennial' | 'intermittent';
}

/** `roads` layer (VMap0, 1990s). */
export interface RoadTileProps {
  /** "p" primary route, "s" secondary route, "u" unknown (all trails). */
  class: 'p' | 's' | 'u';
  /** "r" road, "t" trail. */
  kind: 'r' | 't';
}
