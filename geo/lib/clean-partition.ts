import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Cleans a set of polygons that should tile the plane without overlaps (townships), the way a
 * topology-aware GIS does: every edge of every ring is put into one planar graph on an integer
 * grid, crossing and touching edges are split where they meet ("noding", with snap rounding),
 * the faces of the graph are found, and each face goes to the feature(s) whose rings enclose it
 * under the even–odd rule. A face claimed by several features (an overlap) goes to one of them; a
 * small face claimed by none (a gap, a sliver) goes to the neighbour it shares most border with.
 * Polygons are then rebuilt from the edges that separate different owners.
 *
 * Why this rather than repairing each polygon alone: neighbours share their border edges in the
 * graph, so the cleaned polygons still meet exactly (same vertices, no slivers or gaps), and any
 * grouping of the faces (districts from townships) comes out valid and aligned too.
 */

type Pt = readonly [number, number];

/** Options of {@link buildPartition}. */
export interface PartitionOptions {
  /** Grid of the output: coordinates are rounded to this many decimals of a degree. */
  decimals: number;
  /** A vertex closer than this (in grid units) to an edge is inserted into it (snap rounding). */
  snapTolerance?: number;
  /** Faces claimed by no feature and smaller than this (km²) are given to a neighbour. */
  maxGapKm2?: number;
}

/** What the cleaning found and did; the derivation logs it and PROVENANCE records it. */
export interface PartitionReport {
  /** Distinct edges of the input rings (after rounding to the grid, zero-length edges dropped). */
  inputEdges: number;
  /** Edges of the noded graph. */
  edges: number;
  /** Rounds of noding until no edge crossed or touched another. */
  nodingRounds: number;
  /** Edges split because another edge crossed them or a vertex lay on them. */
  splits: number;
  faces: number;
  /** Bounded faces claimed by two or more features, and their total area (km²). */
  overlapFaces: number;
  overlapKm2: number;
  /** Bounded faces claimed by no feature that were filled from a neighbour, and their area. */
  filledGapFaces: number;
  filledGapKm2: number;
  /** Bounded faces claimed by no feature and left empty (real holes), and their area. */
  holeFaces: number;
  holeKm2: number;
  /** Every overlap, filled gap or hole of at least 0.1 km², for the record. */
  notable: NotableFace[];
}

/** One face the cleaning had to decide about. */
export interface NotableFace {
  kind: 'overlap' | 'gap' | 'hole';
  km2: number;
  /** A vertex of the face (lon, lat). */
  at: [number, number];
  /** Indices of the features that claimed it (overlap) or border it (gap, hole). */
  features: number[];
  /** Index of the feature it went to, or -1. */
  owner: number;
}

/** The cleaned planar graph: faces with their owning feature, ready to be grouped into polygons. */
export interface Partition {
  readonly decimals: number;
  readonly origin: Pt;
  readonly nodes: readonly Pt[];
  /** Half-edge h runs from nodes[from[h]] to nodes[from[h ^ 1]]; h ^ 1 is its twin. */
  readonly from: Int32Array;
  /** Face on the left of each half-edge. */
  readonly faceOf: Int32Array;
  /** Next half-edge around the face on the left. */
  readonly next: Int32Array;
  /** Owning feature index per face, or -1. */
  readonly owner: Int32Array;
  readonly featureCount: number;
  readonly report: PartitionReport;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** 2 × signed area of triangle abc; positive when abc turns counter-clockwise. */
function orient(a: Pt, b: Pt, c: Pt): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

const keyOf = (p: Pt): string => `${p[0]},${p[1]}`;

interface Segment {
  a: Pt;
  b: Pt;
  /** Per polygon part: times its rings run from a to b, minus times they run from b to a. */
  uses: Map<number, number>;
}

function segmentKey(a: Pt, b: Pt): string {
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? `${ka};${kb}` : `${kb};${ka}`;
}

/** Merges segments with the same two ends, adding up (with direction) how often each part runs along them. */
function dedupe(segments: Iterable<Segment>): Segment[] {
  const byKey = new Map<string, Segment>();
  for (const s of segments) {
    if (s.a[0] === s.b[0] && s.a[1] === s.b[1]) continue;
    const key = segmentKey(s.a, s.b);
    const found = byKey.get(key);
    if (!found) {
      byKey.set(key, { a: s.a, b: s.b, uses: new Map(s.uses) });
      continue;
    }
    const sign = samePt(found.a, s.a) ? 1 : -1;
    for (const [f, n] of s.uses) found.uses.set(f, (found.uses.get(f) ?? 0) + sign * n);
  }
  return [...byKey.values()];
}

/** Squared distance from p to segment ab, and whether p projects strictly inside it. */
function projectOnto(p: Pt, a: Pt, b: Pt): { d2: number; inside: boolean } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  if (t <= 0 || t >= 1) return { d2: Infinity, inside: false };
  const cross = orient(a, b, p);
  return { d2: (cross * cross) / len2, inside: true };
}

const samePt = (p: Pt, q: Pt): boolean => p[0] === q[0] && p[1] === q[1];

/**
 * One round of noding: every proper crossing gets a vertex (rounded to the grid), and every
 * vertex within the snap tolerance of another edge's interior is inserted into that edge.
 */
function nodeOnce(segments: Segment[], tolerance: number): { segments: Segment[]; splits: number } {
  let maxLen = 0;
  for (const s of segments) maxLen = Math.max(maxLen, Math.abs(s.b[0] - s.a[0]), Math.abs(s.b[1] - s.a[1]));
  // Cells about the size of a long edge keep the candidate pairs few.
  const cell = Math.max(16, Math.min(maxLen, 1 << 16));
  const grid = new Map<string, number[]>();
  const boxes = segments.map((s) => [
    Math.min(s.a[0], s.b[0]) - tolerance,
    Math.min(s.a[1], s.b[1]) - tolerance,
    Math.max(s.a[0], s.b[0]) + tolerance,
    Math.max(s.a[1], s.b[1]) + tolerance,
  ] as const);
  boxes.forEach((box, i) => {
    for (let cx = Math.floor(box[0] / cell); cx <= Math.floor(box[2] / cell); cx++) {
      for (let cy = Math.floor(box[1] / cell); cy <= Math.floor(box[3] / cell); cy++) {
        const key = `${cx},${cy}`;
        let list = grid.get(key);
        if (!list) grid.set(key, (list = []));
        list.push(i);
      }
    }
  });
  const cuts = new Map<number, Pt[]>();
  const addCut = (i: number, p: Pt): void => {
    let list = cuts.get(i);
    if (!list) cuts.set(i, (list = []));
    list.push(p);
  };
  const tol2 = tolerance * tolerance;
  for (const [key, list] of grid) {
    const [cx, cy] = key.split(',').map(Number) as [number, number];
    for (let u = 0; u < list.length; u++) {
      for (let v = u + 1; v < list.length; v++) {
        const i = list[u] as number;
        const j = list[v] as number;
        const bi = boxes[i]!;
        const bj = boxes[j]!;
        const minX = Math.max(bi[0], bj[0]);
        const minY = Math.max(bi[1], bj[1]);
        if (minX > Math.min(bi[2], bj[2]) || minY > Math.min(bi[3], bj[3])) continue;
        // Each pair is handled once: in the cell holding the corner of the boxes' overlap.
        if (Math.floor(minX / cell) !== cx || Math.floor(minY / cell) !== cy) continue;
        const s = segments[i]!;
        const r = segments[j]!;
        for (const [p, target, t] of [[s.a, r, j], [s.b, r, j], [r.a, s, i], [r.b, s, i]] as const) {
          if (samePt(p, target.a) || samePt(p, target.b)) continue;
          const { d2, inside } = projectOnto(p, target.a, target.b);
          if (inside && d2 <= tol2) addCut(t, p);
        }
        const o1 = orient(s.a, s.b, r.a);
        const o2 = orient(s.a, s.b, r.b);
        const o3 = orient(r.a, r.b, s.a);
        const o4 = orient(r.a, r.b, s.b);
        if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
          const t = o3 / (o3 - o4);
          const p: Pt = [Math.round(s.a[0] + t * (s.b[0] - s.a[0])), Math.round(s.a[1] + t * (s.b[1] - s.a[1]))];
          if (!samePt(p, s.a) && !samePt(p, s.b)) addCut(i, p);
          if (!samePt(p, r.a) && !samePt(p, r.b)) addCut(j, p);
        }
      }
    }
  }
  if (cuts.size === 0) return { segments, splits: 0 };
  const out: Segment[] = [];
  segments.forEach((s, i) => {
    const list = cuts.get(i);
    if (!list) {
      out.push(s);
      return;
    }
    const dx = s.b[0] - s.a[0];
    const dy = s.b[1] - s.a[1];
    const along = (p: Pt): number => (p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy;
    const points = [s.a, ...list.sort((p, q) => along(p) - along(q) || p[0] - q[0] || p[1] - q[1]), s.b];
    for (let k = 0; k + 1 < points.length; k++) out.push({ a: points[k]!, b: points[k + 1]!, uses: s.uses });
  });
  return { segments: dedupe(out), splits: cuts.size };
}

/** Angle order of direction (dx, dy): half-plane first, then by cross product (exact on integers). */
function compareDirections(a: Pt, b: Pt): number {
  const half = (d: Pt): number => (d[1] > 0 || (d[1] === 0 && d[0] > 0) ? 0 : 1);
  const ha = half(a);
  const hb = half(b);
  if (ha !== hb) return ha - hb;
  return -(a[0] * b[1] - a[1] * b[0]);
}

/** Shoelace sum (twice the signed area) of a closed sequence of node indices. */
function ringArea2(ring: readonly number[], nodes: readonly Pt[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = nodes[ring[i]!]!;
    const q = nodes[ring[(i + 1) % ring.length]!]!;
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return sum;
}

/** Even–odd point-in-ring test (ray to +x); the point must not lie on the ring. */
function insideRing(p: Pt, ring: readonly number[], nodes: readonly Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = nodes[ring[i]!]!;
    const b = nodes[ring[j]!]!;
    if (a[1] > p[1] !== b[1] > p[1]) {
      const x = a[0] + ((p[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (p[0] < x) inside = !inside;
    }
  }
  return inside;
}

/** Winding numbers per part, as a sorted list of [part, winding] without zeros. */
type Windings = readonly (readonly [number, number])[];

/** Windings on the other side of an edge: a ring running along it with the face on its left adds one inside. */
function crossWindings(windings: Windings, change: Windings, sign: number): [number, number][] {
  const map = new Map<number, number>(windings.map(([p, w]) => [p, w]));
  for (const [p, n] of change) map.set(p, (map.get(p) ?? 0) - sign * n);
  return [...map].filter(([, w]) => w !== 0).sort((x, y) => x[0] - y[0]);
}

/**
 * Nodes the rings of all features into one planar graph and decides which feature owns each face.
 *
 * @example
 * const partition = buildPartition(townships, { decimals: 6, maxGapKm2: 1 });
 * const cleaned = partitionPolygons(partition, (i) => townships.features[i]!.properties.pcode);
 */
export function buildPartition<P>(
  collection: FeatureCollection<Polygon | MultiPolygon, P>,
  options: PartitionOptions,
): Partition {
  const scale = 10 ** options.decimals;
  const tolerance = options.snapTolerance ?? 1;
  const maxGapKm2 = options.maxGapKm2 ?? 0;
  // Integer grid relative to a local origin keeps every product exact in a double.
  let minLon = Infinity;
  let minLat = Infinity;
  for (const f of collection.features) {
    for (const rings of polygonsOf(f.geometry)) {
      for (const ring of rings) {
        for (const [x = NaN, y = NaN] of ring) {
          minLon = Math.min(minLon, x);
          minLat = Math.min(minLat, y);
        }
      }
    }
  }
  const origin: Pt = [Math.floor(minLon * scale), Math.floor(minLat * scale)];
  const toGrid = (p: Position): Pt => [Math.round((p[0] ?? NaN) * scale) - origin[0], Math.round((p[1] ?? NaN) * scale) - origin[1]];

  // Winding numbers are counted per polygon part, with each part's shell turned counter-clockwise
  // and its holes clockwise (whatever the input's orientation). A part encloses the points it winds
  // around (non-zero rule: a ring that folds over itself still encloses the folded area), and a
  // feature claims the union of its parts, as a MultiPolygon means.
  const raw: Segment[] = [];
  const featureOfPart: number[] = [];
  collection.features.forEach((f, fi) => {
    for (const rings of polygonsOf(f.geometry)) {
      const part = featureOfPart.length;
      featureOfPart.push(fi);
      for (const [r, ring] of rings.entries()) {
        const points = ring.map(toGrid);
        let sum = 0;
        for (let k = 0; k < points.length; k++) {
          const p = points[k]!;
          const q = points[(k + 1) % points.length]!;
          sum += p[0] * q[1] - q[0] * p[1];
        }
        if ((r === 0) !== (sum > 0)) points.reverse();
        for (let k = 0; k + 1 < points.length; k++) raw.push({ a: points[k]!, b: points[k + 1]!, uses: new Map([[part, 1]]) });
        const first = points[0];
        const last = points[points.length - 1];
        // Close rings that were not closed, so every ring is a cycle.
        if (first && last && !samePt(first, last)) raw.push({ a: last, b: first, uses: new Map([[part, 1]]) });
      }
    }
  });
  let segments = dedupe(raw);
  const inputEdges = segments.length;
  let splits = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    const result = nodeOnce(segments, tolerance);
    segments = result.segments;
    splits += result.splits;
    if (result.splits === 0) break;
    if (rounds > 20) throw new Error('buildPartition: noding did not converge in 20 rounds');
  }

  // Planar graph: nodes, half-edges sorted counter-clockwise around each node.
  const nodeIndex = new Map<string, number>();
  const nodes: Pt[] = [];
  const nodeId = (p: Pt): number => {
    const key = keyOf(p);
    let id = nodeIndex.get(key);
    if (id === undefined) {
      id = nodes.length;
      nodes.push(p);
      nodeIndex.set(key, id);
    }
    return id;
  };
  const edgeCount = segments.length;
  const from = new Int32Array(2 * edgeCount);
  const windingChange: Windings[] = [];
  segments.forEach((s, e) => {
    from[2 * e] = nodeId(s.a);
    from[2 * e + 1] = nodeId(s.b);
    windingChange.push([...s.uses].filter(([, n]) => n !== 0).sort((x, y) => x[0] - y[0]));
  });
  const outgoing: number[][] = nodes.map(() => []);
  for (let h = 0; h < 2 * edgeCount; h++) outgoing[from[h]!]!.push(h);
  const direction = (h: number): Pt => {
    const a = nodes[from[h]!]!;
    const b = nodes[from[h ^ 1]!]!;
    return [b[0] - a[0], b[1] - a[1]];
  };
  const position = new Int32Array(2 * edgeCount);
  for (const list of outgoing) {
    list.sort((h, k) => compareDirections(direction(h), direction(k)));
    list.forEach((h, i) => (position[h] = i));
  }
  // The face on the left of h continues with the edge just clockwise of h's twin at h's end.
  const next = new Int32Array(2 * edgeCount);
  for (let h = 0; h < 2 * edgeCount; h++) {
    const twin = h ^ 1;
    const around = outgoing[from[twin]!]!;
    next[h] = around[(position[twin]! - 1 + around.length) % around.length]!;
  }
  const faceOf = new Int32Array(2 * edgeCount).fill(-1);
  const faceRings: number[][] = [];
  const faceStart: number[] = [];
  for (let h = 0; h < 2 * edgeCount; h++) {
    if (faceOf[h] !== -1) continue;
    const face = faceRings.length;
    const ring: number[] = [];
    let k = h;
    do {
      faceOf[k] = face;
      ring.push(from[k]!);
      k = next[k]!;
    } while (k !== h);
    faceRings.push(ring);
    faceStart.push(h);
  }
  const faceCount = faceRings.length;
  const area2 = faceRings.map((ring) => ringArea2(ring, nodes));

  // Connected components; each has exactly one outer face (area ≤ 0).
  const component = new Int32Array(nodes.length).fill(-1);
  let components = 0;
  for (let n = 0; n < nodes.length; n++) {
    if (component[n] !== -1) continue;
    const stack = [n];
    component[n] = components;
    while (stack.length > 0) {
      const m = stack.pop()!;
      for (const h of outgoing[m]!) {
        const o = from[h ^ 1]!;
        if (component[o] === -1) {
          component[o] = components;
          stack.push(o);
        }
      }
    }
    components++;
  }
  const outerFace = new Int32Array(components).fill(-1);
  for (let f = 0; f < faceCount; f++) {
    if (area2[f]! > 0) continue;
    const c = component[faceRings[f]![0]!]!;
    if (outerFace[c] !== -1) throw new Error('buildPartition: a component has two outer faces');
    outerFace[c] = f;
  }
  const faceBox = faceRings.map((ring) => {
    let box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const n of ring) {
      const [x, y] = nodes[n]!;
      box = [Math.min(box[0]!, x), Math.min(box[1]!, y), Math.max(box[2]!, x), Math.max(box[3]!, y)];
    }
    return box as [number, number, number, number];
  });
  // A component inside a bounded face of another (an island in a hole, an enclave) shares that face's region.
  const container = new Int32Array(components).fill(-1);
  for (let c = 0; c < components; c++) {
    const p = nodes[faceRings[outerFace[c]!]![0]!]!;
    let best = -1;
    for (let f = 0; f < faceCount; f++) {
      if (area2[f]! <= 0 || component[faceRings[f]![0]!] === c) continue;
      const box = faceBox[f]!;
      if (p[0] < box[0] || p[0] > box[2] || p[1] < box[1] || p[1] > box[3]) continue;
      if (!insideRing(p, faceRings[f]!, nodes)) continue;
      if (best === -1 || area2[f]! < area2[best]!) best = f;
    }
    container[c] = best;
  }

  // Which parts enclose each face: walk from the outside (winding 0) across the edges.
  const parts: (Windings | null)[] = new Array(faceCount).fill(null);
  const visit = (start: number, value: Windings): void => {
    parts[start] = value;
    const queue = [start];
    while (queue.length > 0) {
      const f = queue.shift()!;
      let h = faceStart[f]!;
      do {
        const other = faceOf[h ^ 1]!;
        // Half-edge 2e runs like segment e (a to b), 2e + 1 against it.
        const expected = crossWindings(parts[f]!, windingChange[h >> 1]!, h % 2 === 0 ? 1 : -1);
        const known = parts[other];
        if (known === null || known === undefined) {
          parts[other] = expected;
          queue.push(other);
        } else if (known.join(';') !== expected.join(';')) {
          throw new Error('buildPartition: inconsistent face membership (rings do not close)');
        }
        h = next[h]!;
      } while (h !== faceStart[f]);
      for (let c = 0; c < components; c++) {
        if (container[c] === f && parts[outerFace[c]!] === null) visit(outerFace[c]!, parts[f]!);
      }
    }
  };
  for (let c = 0; c < components; c++) if (container[c] === -1 && parts[outerFace[c]!] === null) visit(outerFace[c]!, []);
  const members = parts.map((list) => [...new Set((list ?? []).map(([p]) => featureOfPart[p]!))].sort((x, y) => x - y));

  // Area in km² of a face at its latitude (planar approximation; faces here are small).
  const degree = 111.32;
  const km2 = (f: number): number => {
    const lat = (faceBox[f]![1] + faceBox[f]![3]) / 2 / scale + origin[1] / scale;
    return (Math.abs(area2[f]!) / 2 / scale / scale) * degree * degree * Math.cos((lat * Math.PI) / 180);
  };
  const length = (h: number): number => {
    const [dx, dy] = direction(h);
    return Math.hypot(dx, dy);
  };
  const owner = new Int32Array(faceCount).fill(-1);
  const report: PartitionReport = {
    inputEdges,
    edges: edgeCount,
    nodingRounds: rounds,
    splits,
    faces: faceCount,
    overlapFaces: 0,
    overlapKm2: 0,
    filledGapFaces: 0,
    filledGapKm2: 0,
    holeFaces: 0,
    holeKm2: 0,
    notable: [],
  };
  const NOTABLE_KM2 = 0.1;
  const note = (kind: NotableFace['kind'], f: number, features: number[]): void => {
    if (km2(f) < NOTABLE_KM2) return;
    const [x, y] = nodes[faceRings[f]![0]!]!;
    const at: [number, number] = [(x + origin[0]) / scale, (y + origin[1]) / scale];
    report.notable.push({ kind, km2: km2(f), at, features, owner: owner[f]! });
  };
  for (let f = 0; f < faceCount; f++) {
    if (area2[f]! <= 0) continue;
    const m = members[f] ?? [];
    if (m.length === 1) owner[f] = m[0]!;
    if (m.length < 2) continue;
    // An overlap goes to the claimant it is most attached to: the one that also encloses the
    // faces across its edges, weighted by edge length. Ties go to the lower feature index.
    const attached = new Map<number, number>();
    let h = faceStart[f]!;
    do {
      const across = members[faceOf[h ^ 1]!] ?? [];
      for (const x of m) if (across.includes(x)) attached.set(x, (attached.get(x) ?? 0) + length(h));
      h = next[h]!;
    } while (h !== faceStart[f]);
    let best = m[0]!;
    for (const x of m) if ((attached.get(x) ?? 0) > (attached.get(best) ?? 0)) best = x;
    owner[f] = best;
    report.overlapFaces++;
    report.overlapKm2 += km2(f);
    note('overlap', f, m);
  }
  for (let f = 0; f < faceCount; f++) {
    if (area2[f]! <= 0 || (members[f] ?? []).length > 0) continue;
    const shared = new Map<number, number>();
    let h = faceStart[f]!;
    do {
      const o = owner[faceOf[h ^ 1]!]!;
      if (o !== -1) shared.set(o, (shared.get(o) ?? 0) + length(h));
      h = next[h]!;
    } while (h !== faceStart[f]);
    let best = -1;
    for (const [o, len] of [...shared].sort((x, y) => x[0] - y[0])) if (best === -1 || len > shared.get(best)!) best = o;
    if (best !== -1 && km2(f) <= maxGapKm2) {
      owner[f] = best;
      report.filledGapFaces++;
      report.filledGapKm2 += km2(f);
      note('gap', f, [...shared.keys()].sort((x, y) => x - y));
    } else {
      report.holeFaces++;
      report.holeKm2 += km2(f);
      note('hole', f, [...shared.keys()].sort((x, y) => x - y));
    }
  }
  return {
    decimals: options.decimals,
    origin,
    nodes,
    from,
    faceOf,
    next,
    owner,
    featureCount: collection.features.length,
    report,
  };
}

/**
 * Splits a traced ring wherever it passes through a node twice. Turning sharply left keeps
 * separate lobes apart but runs around a hole that touches the outer border in the same ring;
 * split out, that loop winds clockwise and becomes a hole touching its shell at one point, as
 * JTS/GEOS require (a ring may not touch itself).
 */
function splitAtRepeatedNodes(ring: readonly number[]): number[][] {
  const out: number[][] = [];
  const stack: number[] = [];
  const at = new Map<number, number>();
  for (const n of ring) {
    const seen = at.get(n);
    if (seen === undefined) {
      at.set(n, stack.length);
      stack.push(n);
      continue;
    }
    const loop = stack.splice(seen + 1);
    for (const m of loop) at.delete(m);
    out.push([n, ...loop]);
  }
  out.push(stack);
  return out.filter((r) => r.length >= 3);
}

/**
 * Builds one (multi)polygon per group from a partition: the boundary of the union of the faces
 * whose owners map to that group. Rings are traced turning as sharply left as possible, so they
 * never touch themselves; holes go into the smallest shell that holds them. Groups without faces
 * are absent from the result. With `kept` (from `simplifyPartition`), only those nodes are used.
 *
 * @example
 * const districts = partitionPolygons(partition, (i) => townships.features[i]!.properties.district_pcode);
 */
export function partitionPolygons(
  partition: Partition,
  groupOf: (feature: number) => string,
  kept?: Uint8Array,
): Map<string, Polygon | MultiPolygon> {
  const { nodes, from, faceOf, next, owner, origin } = partition;
  const groups: (string | null)[] = [];
  for (let f = 0; f < owner.length; f++) groups.push(owner[f] === -1 ? null : groupOf(owner[f]!));
  const groupOfHalf = (h: number): string | null => groups[faceOf[h]!] ?? null;
  const isBoundary = (h: number): boolean => groupOfHalf(h) !== null && groupOfHalf(h) !== groupOfHalf(h ^ 1);
  const used = new Uint8Array(from.length);
  const rings = new Map<string, number[][]>();
  for (let h = 0; h < from.length; h++) {
    if (used[h] || !isBoundary(h)) continue;
    const group = groupOfHalf(h)!;
    const ring: number[] = [];
    let k = h;
    do {
      used[k] = 1;
      ring.push(from[k]!);
      let e = next[k]!;
      // Skip edges inside the group: keep turning around the end node until the group's border.
      while (groupOfHalf(e ^ 1) === group) e = next[e ^ 1]!;
      k = e;
    } while (k !== h);
    let list = rings.get(group);
    if (!list) rings.set(group, (list = []));
    list.push(...splitAtRepeatedNodes(ring));
  }
  const scale = 10 ** partition.decimals;
  const toLonLat = (n: number): Position => {
    const [x, y] = nodes[n]!;
    return [(x + origin[0]) / scale, (y + origin[1]) / scale];
  };
  // Start each ring at its lowest-leftmost vertex so the output does not depend on input order.
  const canonical = (ring: number[]): number[] => {
    let start = 0;
    ring.forEach((n, i) => {
      const [x, y] = nodes[n]!;
      const [bx, by] = nodes[ring[start]!]!;
      if (y < by || (y === by && x < bx)) start = i;
    });
    return [...ring.slice(start), ...ring.slice(0, start)];
  };
  const result = new Map<string, Polygon | MultiPolygon>();
  for (const group of [...rings.keys()].sort()) {
    const all = rings
      .get(group)!
      .map((ring) => (kept ? ring.filter((n) => kept[n] === 1) : ring))
      .filter((ring) => ring.length >= 3)
      .map(canonical);
    const shells = all.filter((r) => ringArea2(r, nodes) > 0).sort((a, b) => ringArea2(b, nodes) - ringArea2(a, nodes));
    const holes = all.filter((r) => ringArea2(r, nodes) < 0);
    const parts: number[][][] = shells.map((s) => [s]);
    for (const hole of holes) {
      // The midpoint of a hole's edge is never on another ring: edges do not overlap after noding.
      const a = nodes[hole[0]!]!;
      const b = nodes[hole[1]!]!;
      const mid: Pt = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      let best = -1;
      shells.forEach((s, i) => {
        if (insideRing(mid, s, nodes) && (best === -1 || ringArea2(s, nodes) < ringArea2(shells[best]!, nodes))) best = i;
      });
      if (best === -1) throw new Error(`partitionPolygons: a hole of ${group} lies in none of its shells`);
      parts[best]!.push(hole);
    }
    const coordinates = parts.map((part) =>
      part.map((ring) => {
        const positions = ring.map(toLonLat);
        positions.push(positions[0]!);
        return positions;
      }),
    );
    result.set(
      group,
      coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0]! } : { type: 'MultiPolygon', coordinates },
    );
  }
  return result;
}

/**
 * Cleans polygons that should not overlap: each feature keeps its properties and gets the
 * polygon of the faces it owns. Throws if a feature ends up with no area at all.
 *
 * @example
 * const { cleaned, report } = cleanPartition(townships, { decimals: 6, maxGapKm2: 1 });
 */
export function cleanPartition<P>(
  collection: FeatureCollection<Polygon | MultiPolygon, P>,
  options: PartitionOptions,
): { cleaned: FeatureCollection<Polygon | MultiPolygon, P>; partition: Partition; report: PartitionReport } {
  const partition = buildPartition(collection, options);
  const polygons = partitionPolygons(partition, (i) => String(i));
  const features = collection.features.map((f, i): Feature<Polygon | MultiPolygon, P> => {
    const geometry = polygons.get(String(i));
    if (!geometry) throw new Error(`cleanPartition: feature ${i} (${JSON.stringify(f.properties)}) has no area left`);
    return { type: 'Feature', properties: f.properties, geometry };
  });
  return { cleaned: { type: 'FeatureCollection', features }, partition, report: partition.report };
}
