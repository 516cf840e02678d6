/**
 * Which township a point lies in, fast enough for every row of a 200,000-row import. Built once:
 * a coarse grid lists the townships whose bounding box meets each cell, and each township's edges
 * are sorted into thin latitude bands. A point is then tested only against the few townships of
 * its cell whose box holds it, with an even–odd ray cast over the edges of its band alone (a
 * handful). Holes and multipolygon parts need no special case: even–odd over all of a township's
 * rings is inside exactly where the township is. Queries allocate nothing.
 */
import type { Position } from 'geojson';
import type { TownshipPolygons } from './township-index.ts';

/** Point-in-township lookups over one set of match polygons. */
export interface TownshipLocator {
  /** Place code of the township the point lies in, or null (outside every township: at sea, abroad, or in a gap). */
  townshipAt(lon: number, lat: number): string | null;
  /** Whether the point lies in the township with this code; null when there is no polygon for it. */
  contains(pcode: string, lon: number, lat: number): boolean | null;
}

/** Band height in degrees (about 1 km): a township's band then holds a few edges. */
const BAND_DEG = 0.01;
/** Grid cell size in degrees for finding the candidate townships of a point. */
const CELL_DEG = 0.25;

/**
 * Builds a {@link TownshipLocator} from decoded match polygons. A point exactly on a border may
 * count for either township, which a township check can afford.
 *
 * @example
 * const locate = buildTownshipLocator(polygons);
 * locate.townshipAt(95.4024, 22.6768); // "MMR005010" (Let Yet Kone village, Tabayin)
 */
export function buildTownshipLocator(polygons: TownshipPolygons): TownshipLocator {
  const features = polygons.features;
  const n = features.length;
  const pcodes: string[] = [];
  const indexOf = new Map<string, number>();
  const ringsOf: (readonly Position[])[][] = [];
  // Per township: west, south, east, north.
  const box = new Float64Array(n * 4);
  for (let p = 0; p < n; p++) {
    const f = features[p]!;
    pcodes.push(f.properties.pcode);
    if (!indexOf.has(f.properties.pcode)) indexOf.set(f.properties.pcode, p);
    const rings = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat();
    ringsOf.push(rings);
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let nn = -Infinity;
    for (const ring of rings) {
      for (const pt of ring) {
        const x = pt[0] ?? 0;
        const y = pt[1] ?? 0;
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > nn) nn = y;
      }
    }
    box.set([w, s, e, nn], p * 4);
  }

  // Each township's edges by band, in flat arrays: township p's band b holds the edges
  // bandStart[bandBase[p] + b] .. bandStart[bandBase[p] + b + 1]. Per edge: x1, y1, y2 and the
  // slope dx/dy, so the ray's crossing is at x1 + (lat - y1) * slope. Plain loops, no callbacks:
  // this runs once per worker, before the JIT has warmed up.
  const bandBase = new Int32Array(n);
  const bandCount = new Int32Array(n);
  let bandTotal = 0;
  for (let p = 0; p < n; p++) {
    const s = box[p * 4 + 1]!;
    const nn = box[p * 4 + 3]!;
    bandBase[p] = bandTotal;
    bandCount[p] = s <= nn ? Math.floor((nn - s) / BAND_DEG) + 1 : 0;
    bandTotal += bandCount[p]! + 1;
  }
  const bandStart = new Int32Array(bandTotal);
  // Every township's non-horizontal edges (a horizontal edge is never crossed under the
  // half-open rule in `inside`), with the first and last band each one spans.
  let raw = 0;
  for (const rings of ringsOf) for (const ring of rings) raw += ring.length;
  const seg = new Float64Array(raw * 4);
  const segFirst = new Int32Array(raw);
  const segLast = new Int32Array(raw);
  const segEnd = new Int32Array(n);
  let m = 0;
  for (let p = 0; p < n; p++) {
    const s = box[p * 4 + 1]!;
    const base = bandBase[p]!;
    for (const ring of ringsOf[p]!) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[j]!;
        const b = ring[i]!;
        const y1 = a[1] ?? 0;
        const y2 = b[1] ?? 0;
        if (y1 === y2) continue;
        seg[m * 4] = a[0] ?? 0;
        seg[m * 4 + 1] = y1;
        seg[m * 4 + 2] = y2;
        seg[m * 4 + 3] = ((b[0] ?? 0) - (a[0] ?? 0)) / (y2 - y1);
        const first = Math.floor(((y1 < y2 ? y1 : y2) - s) / BAND_DEG);
        const last = Math.floor(((y1 < y2 ? y2 : y1) - s) / BAND_DEG);
        segFirst[m] = first;
        segLast[m] = last;
        for (let band = first; band <= last; band++) bandStart[base + band + 1]!++;
        m++;
      }
    }
    segEnd[p] = m;
  }
  // Counts → offsets, running on across townships.
  let edgeTotal = 0;
  for (let p = 0; p < n; p++) {
    const base = bandBase[p]!;
    bandStart[base] = edgeTotal;
    for (let band = 0; band < bandCount[p]!; band++) bandStart[base + band + 1]! += bandStart[base + band]!;
    edgeTotal = bandStart[base + bandCount[p]!]!;
  }
  const edges = new Float64Array(edgeTotal * 4);
  const fill = bandStart.slice();
  for (let p = 0, k = 0; p < n; p++) {
    const base = bandBase[p]!;
    for (; k < segEnd[p]!; k++) {
      for (let band = segFirst[k]!; band <= segLast[k]!; band++) {
        const e = fill[base + band]!++ * 4;
        edges[e] = seg[k * 4]!;
        edges[e + 1] = seg[k * 4 + 1]!;
        edges[e + 2] = seg[k * 4 + 2]!;
        edges[e + 3] = seg[k * 4 + 3]!;
      }
    }
  }

  // The candidate grid over all townships' boxes.
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let p = 0; p < n; p++) {
    west = Math.min(west, box[p * 4]!);
    south = Math.min(south, box[p * 4 + 1]!);
    east = Math.max(east, box[p * 4 + 2]!);
    north = Math.max(north, box[p * 4 + 3]!);
  }
  const cols = n === 0 ? 0 : Math.floor((east - west) / CELL_DEG) + 1;
  const rows = n === 0 ? 0 : Math.floor((north - south) / CELL_DEG) + 1;
  const cellLists: number[][] = Array.from({ length: cols * rows }, () => []);
  for (let p = 0; p < n; p++) {
    const c0 = Math.floor((box[p * 4]! - west) / CELL_DEG);
    const c1 = Math.floor((box[p * 4 + 2]! - west) / CELL_DEG);
    const r0 = Math.floor((box[p * 4 + 1]! - south) / CELL_DEG);
    const r1 = Math.floor((box[p * 4 + 3]! - south) / CELL_DEG);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cellLists[r * cols + c]!.push(p);
  }
  const cellStart = new Int32Array(cols * rows + 1);
  for (let i = 0; i < cellLists.length; i++) cellStart[i + 1] = cellStart[i]! + cellLists[i]!.length;
  const cellPolys = Int32Array.from(cellLists.flat());

  /** Even–odd test of one township. */
  const inside = (p: number, lon: number, lat: number): boolean => {
    const o = p * 4;
    if (!(lon >= box[o]! && lon <= box[o + 2]! && lat >= box[o + 1]! && lat <= box[o + 3]!)) return false;
    const band = bandBase[p]! + Math.floor((lat - box[o + 1]!) / BAND_DEG);
    const end = bandStart[band + 1]!;
    let odd = false;
    for (let k = bandStart[band]!; k < end; k++) {
      const e = k * 4;
      const y1 = edges[e + 1]!;
      // Half-open: an edge counts when the ray's latitude lies between its ends, the lower one included.
      if (y1 > lat !== edges[e + 2]! > lat && lon < edges[e]! + (lat - y1) * edges[e + 3]!) odd = !odd;
    }
    return odd;
  };

  return {
    townshipAt(lon, lat) {
      if (!(lon >= west && lon <= east && lat >= south && lat <= north)) return null;
      const cell = Math.floor((lat - south) / CELL_DEG) * cols + Math.floor((lon - west) / CELL_DEG);
      const end = cellStart[cell + 1]!;
      // In township order, so a point on a shared border gets the same answer on every run.
      for (let i = cellStart[cell]!; i < end; i++) {
        const p = cellPolys[i]!;
        if (inside(p, lon, lat)) return pcodes[p] ?? null;
      }
      return null;
    },
    contains(pcode, lon, lat) {
      const p = indexOf.get(pcode);
      return p === undefined ? null : inside(p, lon, lat);
    },
  };
}
