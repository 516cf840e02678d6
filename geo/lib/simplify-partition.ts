import type { Partition } from './clean-partition.ts';

/** Result of {@link simplifyPartition}: which nodes of the partition survive at this tolerance. */
export interface SimplifiedNodes {
  /** 1 for each node of `partition.nodes` that is kept. */
  kept: Uint8Array;
  /** Kept nodes on borders (junctions included). */
  keptCount: number;
  /** Rounds needed until no simplified border crossed or touched another. */
  rounds: number;
  /** Borders whose tolerance had to be lowered to avoid a crossing. */
  lowered: number;
  /** Borders still crossing another after the last round (should be 0). */
  unresolved: number;
}

type Pt = readonly [number, number];

/** A border between two owners, from junction to junction (or a closed loop), as node indices. */
interface Chain {
  nodes: number[];
  closed: boolean;
  /** Owners (feature indices, -1 outside) on the two sides. */
  owners: [number, number];
}

/** Options of {@link simplifyPartition}. */
export interface SimplifyOptions {
  /** Rounds of lowering tolerances before the borders still in conflict keep all their nodes (default 8). */
  maxRounds?: number;
  /**
   * A tolerance (degrees) per owning feature; a border uses the smallest of the global tolerance
   * and those of its two owners. Lets small features (city townships) keep their shape.
   */
  ownerTolerance?: (feature: number) => number;
}

/** Borders of the partition: edges whose two faces have different owners, cut at junctions. */
function borderChains(partition: Partition): Chain[] {
  const { from, faceOf, owner, nodes } = partition;
  const isBorder = (h: number): boolean => owner[faceOf[h]!] !== owner[faceOf[h ^ 1]!];
  const incident: number[][] = nodes.map(() => []);
  for (let h = 0; h < from.length; h += 2) {
    if (!isBorder(h)) continue;
    incident[from[h]!]!.push(h);
    incident[from[h ^ 1]!]!.push(h ^ 1);
  }
  // A junction is where a border starts, ends or branches: anything but two border edges.
  const isJunction = (n: number): boolean => incident[n]!.length > 0 && incident[n]!.length !== 2;
  const used = new Uint8Array(from.length >> 1);
  const chains: Chain[] = [];
  const walk = (start: number, first: number): Chain => {
    const list = [start];
    let h = first;
    for (;;) {
      used[h >> 1] = 1;
      const n = from[h ^ 1]!;
      list.push(n);
      if (n === start || isJunction(n)) break;
      const out = incident[n]!.find((k) => k >> 1 !== h >> 1);
      if (out === undefined) break;
      h = out;
    }
    const owners: [number, number] = [owner[faceOf[first]!]!, owner[faceOf[first ^ 1]!]!];
    return { nodes: list, closed: list[0] === list[list.length - 1], owners };
  };
  for (let n = 0; n < nodes.length; n++) {
    if (!isJunction(n)) continue;
    for (const h of incident[n]!) if (!used[h >> 1]) chains.push(walk(n, h));
  }
  // What is left are closed borders without a junction (islands, enclaves): start at the lowest node.
  for (let h = 0; h < from.length; h += 2) {
    if (!isBorder(h) || used[h >> 1]) continue;
    const walked = walk(from[h]!, h);
    const loop = walked.nodes;
    let start = 0;
    loop.forEach((n, i) => {
      const [x, y] = nodes[n]!;
      const [bx, by] = nodes[loop[start]!]!;
      if (y < by || (y === by && x < bx)) start = i;
    });
    const open = loop.slice(0, -1);
    const rotated = [...open.slice(start), ...open.slice(0, start)];
    chains.push({ nodes: [...rotated, rotated[0]!], closed: true, owners: walked.owners });
  }
  return chains;
}

/** Squared distance from p to segment ab. */
function segmentDistance2(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on the chain's nodes between positions i and j (exclusive), marking kept positions. */
function douglasPeucker(points: readonly Pt[], i: number, j: number, tol2: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[i, j]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    let best = -1;
    let bestD = tol2;
    for (let k = a + 1; k < b; k++) {
      const d = segmentDistance2(points[k]!, points[a]!, points[b]!);
      if (d > bestD) {
        best = k;
        bestD = d;
      }
    }
    if (best === -1) continue;
    keep[best] = 1;
    stack.push([a, best], [best, b]);
  }
}

/** Positions of a chain kept at a tolerance (grid units); a closed loop keeps at least a triangle. */
function simplifyChain(points: readonly Pt[], closed: boolean, tolerance: number): number[] {
  const last = points.length - 1;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[last] = 1;
  const tol2 = tolerance * tolerance;
  if (!closed) {
    douglasPeucker(points, 0, last, tol2, keep);
  } else {
    // A loop starts and ends at one node: split it at the node farthest from the start.
    let far = 1;
    for (let k = 1; k < last; k++) if (segmentDistance2(points[k]!, points[0]!, points[0]!) > segmentDistance2(points[far]!, points[0]!, points[0]!)) far = k;
    keep[far] = 1;
    douglasPeucker(points, 0, far, tol2, keep);
    douglasPeucker(points, far, last, tol2, keep);
    if (keep.reduce((s, v) => s + v, 0) < 4) {
      // Too small to survive this tolerance: keep the farthest node from the chord of each half.
      douglasPeucker(points, 0, far, 0, keep);
      douglasPeucker(points, far, last, 0, keep);
    }
  }
  const out: number[] = [];
  keep.forEach((v, k) => v && out.push(k));
  return out;
}

function orient(a: Pt, b: Pt, c: Pt): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Whether p lies on segment ab, endpoints excluded. */
function onOpenSegment(p: Pt, a: Pt, b: Pt): boolean {
  if (orient(a, b, p) !== 0) return false;
  if ((p[0] === a[0] && p[1] === a[1]) || (p[0] === b[0] && p[1] === b[1])) return false;
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Whether two segments meet anywhere other than at a shared endpoint. */
function conflict(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const same = (p: Pt, q: Pt): boolean => p[0] === q[0] && p[1] === q[1];
  if ((same(a, c) && same(b, d)) || (same(a, d) && same(b, c))) return true;
  if (onOpenSegment(c, a, b) || onOpenSegment(d, a, b) || onOpenSegment(a, c, d) || onOpenSegment(b, c, d)) return true;
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/** Chains (by index) whose simplified segments cross or touch another segment improperly. */
function conflictingChains(segments: readonly { a: Pt; b: Pt; chain: number }[]): Set<number> {
  let maxLen = 16;
  for (const s of segments) maxLen = Math.max(maxLen, Math.abs(s.b[0] - s.a[0]), Math.abs(s.b[1] - s.a[1]));
  const cell = Math.min(maxLen, 1 << 18);
  const grid = new Map<string, number[]>();
  segments.forEach((s, i) => {
    for (let cx = Math.floor(Math.min(s.a[0], s.b[0]) / cell); cx <= Math.floor(Math.max(s.a[0], s.b[0]) / cell); cx++) {
      for (let cy = Math.floor(Math.min(s.a[1], s.b[1]) / cell); cy <= Math.floor(Math.max(s.a[1], s.b[1]) / cell); cy++) {
        const key = `${cx},${cy}`;
        let list = grid.get(key);
        if (!list) grid.set(key, (list = []));
        list.push(i);
      }
    }
  });
  const bad = new Set<number>();
  for (const list of grid.values()) {
    for (let u = 0; u < list.length; u++) {
      for (let v = u + 1; v < list.length; v++) {
        const s = segments[list[u]!]!;
        const r = segments[list[v]!]!;
        if (Math.max(s.a[0], s.b[0]) < Math.min(r.a[0], r.b[0]) || Math.max(r.a[0], r.b[0]) < Math.min(s.a[0], s.b[0])) continue;
        if (Math.max(s.a[1], s.b[1]) < Math.min(r.a[1], r.b[1]) || Math.max(r.a[1], r.b[1]) < Math.min(s.a[1], s.b[1])) continue;
        if (conflict(s.a, s.b, r.a, r.b)) {
          bad.add(s.chain);
          bad.add(r.chain);
        }
      }
    }
  }
  return bad;
}

/** Parity of the crossings of a ray from p towards +x with a polyline (half-open rule on y). */
function rayParity(p: Pt, line: readonly Pt[]): number {
  let parity = 0;
  for (let k = 0; k + 1 < line.length; k++) {
    const a = line[k]!;
    const b = line[k + 1]!;
    if (a[1] > p[1] !== b[1] > p[1]) {
      const x = a[0] + ((p[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
      if (p[0] < x) parity ^= 1;
    }
  }
  return parity;
}

/**
 * Chains that, simplified, swept over a separate part of the map: an island in a bay that a
 * straightened coast would swallow, or an enclave. No segments cross then, so the segment test
 * misses it. A chain and its simplified version have the same ends, so together they bound the
 * swept area, and a point lies in it exactly when a ray from the point crosses the two an odd
 * number of times in total.
 */
function sweptChains(chains: readonly Chain[], points: readonly (readonly Pt[])[], picks: readonly number[][], nodes: readonly Pt[]): Set<number> {
  // Connected groups of chains (joined at junctions): one test point each.
  const parent = new Map<number, number>();
  const find = (n: number): number => {
    let r = n;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(n, r);
    return r;
  };
  for (const c of chains) {
    const a = find(c.nodes[0]!);
    const b = find(c.nodes[c.nodes.length - 1]!);
    if (a !== b) parent.set(a, b);
  }
  const groupOf = chains.map((c) => find(c.nodes[0]!));
  const probes = new Map<number, Pt>();
  chains.forEach((c, i) => {
    if (!probes.has(groupOf[i]!)) probes.set(groupOf[i]!, nodes[c.nodes[0]!]!);
  });
  const boxes = points.map((line) => {
    let box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of line) box = [Math.min(box[0]!, x), Math.min(box[1]!, y), Math.max(box[2]!, x), Math.max(box[3]!, y)];
    return box as [number, number, number, number];
  });
  const swept = new Set<number>();
  for (const [group, p] of probes) {
    points.forEach((line, i) => {
      if (groupOf[i] === group || picks[i]!.length === line.length) return;
      const box = boxes[i]!;
      if (p[1] < box[1] || p[1] > box[3] || p[0] > box[2]) return;
      const simplified = picks[i]!.map((k) => line[k]!);
      if (rayParity(p, line) !== rayParity(p, simplified)) swept.add(i);
    });
  }
  return swept;
}

/** Rounds of lowering the tolerance of borders that crossed another; the last round keeps every node of those. */
const MAX_ROUNDS = 8;

/**
 * Simplifies the borders of a cleaned partition with Douglas–Peucker, each border once, so that
 * neighbours keep sharing it exactly and any grouping of the faces (districts) stays aligned with
 * its parts. Borders that would then cross or touch another border (or themselves), or sweep over
 * an island or enclave, are simplified again at a quarter of the tolerance, until none does.
 * Returns the nodes to keep; pass them to `partitionPolygons`.
 *
 * @example
 * const kept = simplifyPartition(partition, 0.005); // degrees
 * const keepsSmallTownships = simplifyPartition(partition, 0.002, { ownerTolerance: (i) => 0.02 * Math.sqrt(areaDeg2[i]!) });
 * const townships = partitionPolygons(partition, (i) => pcodes[i]!, kept.kept);
 */
export function simplifyPartition(partition: Partition, tolerance: number, options: SimplifyOptions = {}): SimplifiedNodes {
  const scale = 10 ** partition.decimals;
  const maxRounds = options.maxRounds ?? MAX_ROUNDS;
  const chains = borderChains(partition);
  const ownerTolerance = options.ownerTolerance;
  const tolerances = chains.map((c) => {
    let t = tolerance;
    if (ownerTolerance) for (const o of c.owners) if (o >= 0) t = Math.min(t, ownerTolerance(o));
    return t * scale;
  });
  const points = chains.map((c) => c.nodes.map((n) => partition.nodes[n]!));
  const lowered = new Set<number>();
  let picks: number[][] = [];
  let rounds = 0;
  let unresolved = 0;
  for (;;) {
    rounds++;
    const final = rounds >= maxRounds;
    picks = chains.map((c, i) => (final && lowered.has(i) ? c.nodes.map((_, k) => k) : simplifyChain(points[i]!, c.closed, tolerances[i]!)));
    const segments: { a: Pt; b: Pt; chain: number }[] = [];
    picks.forEach((pick, i) => {
      for (let k = 0; k + 1 < pick.length; k++) segments.push({ a: points[i]![pick[k]!]!, b: points[i]![pick[k + 1]!]!, chain: i });
    });
    // Segments of one chain that follow each other share a node; conflict() allows that.
    const bad = conflictingChains(segments);
    for (const i of sweptChains(chains, points, picks, partition.nodes)) bad.add(i);
    if (bad.size === 0 || final) {
      unresolved = bad.size;
      break;
    }
    for (const i of bad) {
      tolerances[i] = tolerances[i]! / 4;
      lowered.add(i);
    }
  }
  const kept = new Uint8Array(partition.nodes.length);
  let keptCount = 0;
  picks.forEach((pick, i) => {
    for (const k of pick) {
      const n = chains[i]!.nodes[k]!;
      if (!kept[n]) keptCount++;
      kept[n] = 1;
    }
  });
  return { kept, keptCount, rounds, lowered: lowered.size, unresolved };
}
