import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { kinks, lineString, polygon, simplify } from '@turf/turf';

type Ring = Position[];

function keyOf(position: Position): string {
  return `${position[0]},${position[1]}`;
}

/** Ring without its closing position and without repeated consecutive vertices. */
function openRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const position of ring) {
    const previous = out[out.length - 1];
    if (!previous || keyOf(previous) !== keyOf(position)) out.push(position);
  }
  const first = out[0];
  if (out.length > 1 && first && keyOf(first) === keyOf(out[out.length - 1] ?? first)) out.pop();
  return out;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Vertices where more than two distinct edges meet: where a shared border starts or ends.
 * Same idea as TopoJSON's junctions, computed on exact coordinates.
 */
function findJunctions(rings: Ring[]): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const key = keyOf(ring[i] as Position);
      let set = neighbours.get(key);
      if (!set) neighbours.set(key, (set = new Set()));
      set.add(keyOf(ring[(i + n - 1) % n] as Position));
      set.add(keyOf(ring[(i + 1) % n] as Position));
    }
  }
  const junctions = new Set<string>();
  for (const [key, set] of neighbours) if (set.size > 2) junctions.add(key);
  return junctions;
}

/**
 * Rotates and orients a ring without junctions the same way whichever ring it came from, so that
 * an enclave and the hole it fills are simplified identically.
 */
function canonicalLoop(ring: Ring): Ring {
  let start = 0;
  for (let i = 1; i < ring.length; i++) {
    if (keyOf(ring[i] as Position) < keyOf(ring[start] as Position)) start = i;
  }
  const rotated = [...ring.slice(start), ...ring.slice(0, start)];
  const second = keyOf(rotated[1] as Position);
  const last = keyOf(rotated[rotated.length - 1] as Position);
  const loop = second <= last ? rotated : [rotated[0] as Position, ...rotated.slice(1).reverse()];
  return [...loop, loop[0] as Position];
}

/** Splits an open ring into chains that run from junction to junction (closed chains if none). */
function splitAtJunctions(ring: Ring, junctions: Set<string>): Ring[] {
  const first = ring.findIndex((p) => junctions.has(keyOf(p)));
  if (first < 0) return [canonicalLoop(ring)];
  const rotated = [...ring.slice(first), ...ring.slice(0, first), ring[first] as Position];
  const chains: Ring[] = [];
  let chain: Ring = [rotated[0] as Position];
  for (let i = 1; i < rotated.length; i++) {
    const position = rotated[i] as Position;
    chain.push(position);
    if (junctions.has(keyOf(position))) {
      chains.push(chain);
      chain = [position];
    }
  }
  return chains;
}

/** Cache key of a chain: its vertex keys in the direction that sorts first, shared by both neighbours. */
function canonicalKey(chain: Ring): { key: string; isForward: boolean } {
  const forward = chain.map(keyOf).join(';');
  const backward = chain.map(keyOf).reverse().join(';');
  return forward <= backward ? { key: forward, isForward: true } : { key: backward, isForward: false };
}

interface ChainStore {
  /** Tolerance per chain key, lowered for chains that made a polygon cross itself. */
  tolerances: Map<string, number>;
  simplified: Map<string, Ring>;
  defaultTolerance: number;
}

/** Douglas–Peucker on a chain, run in one canonical direction so both neighbours get one result. */
function simplifyChain(chain: Ring, store: ChainStore): { key: string; line: Ring } {
  const { key, isForward } = canonicalKey(chain);
  let simplified = store.simplified.get(key);
  if (!simplified) {
    const line = isForward ? chain : [...chain].reverse();
    const tolerance = store.tolerances.get(key) ?? store.defaultTolerance;
    simplified =
      line.length <= 2
        ? line
        : simplify(lineString(line), { tolerance, highQuality: true }).geometry.coordinates;
    store.simplified.set(key, simplified);
  }
  return { key, line: isForward ? simplified : [...simplified].reverse() };
}

/** Twice the signed (shoelace) area of a ring; positive when it runs counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] as Position;
    const [x2 = 0, y2 = 0] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function simplifyRing(ring: Ring, junctions: Set<string>, store: ChainStore, usedKeys: string[]): Ring {
  const open = openRing(ring);
  if (open.length < 3) return ring;
  const out: Ring = [];
  for (const chain of splitAtJunctions(open, junctions)) {
    const { key, line } = simplifyChain(chain, store);
    usedKeys.push(key);
    out.push(...(out.length === 0 ? line : line.slice(1)));
  }
  // A ring needs three distinct vertices; small islands that would collapse keep their shape.
  if (out.length < 4) return ring;
  // Canonical loops may run the other way; winding tells renderers outer rings from holes.
  return Math.sign(signedArea(out)) === Math.sign(signedArea(ring)) ? out : out.reverse();
}

function kinkPoints(rings: Ring[]): Position[] {
  return kinks(polygon(rings)).features.map((k) => k.geometry.coordinates);
}

/** Whether point p lies on segment ab (within floating-point noise). */
function onSegment(p: Position, a: Position, b: Position): boolean {
  const [px = 0, py = 0] = p;
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const eps = 1e-9;
  if (px < Math.min(ax, bx) - eps || px > Math.max(ax, bx) + eps) return false;
  if (py < Math.min(ay, by) - eps || py > Math.max(ay, by) + eps) return false;
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  return Math.abs(cross) <= eps * Math.max(1, Math.hypot(bx - ax, by - ay));
}

/** Keys of the simplified chains that pass through one of the points. */
function chainsThrough(points: Position[], keys: string[], store: ChainStore): string[] {
  return keys.filter((key) => {
    const line = store.simplified.get(key) ?? [];
    return line.some((a, i) => {
      const b = line[i + 1];
      return b !== undefined && points.some((p) => onSegment(p, a, b));
    });
  });
}

/** Rounds of lowering the tolerance of chains that made a polygon cross itself. */
const MAX_REPAIR_ROUNDS = 6;

/**
 * Simplifies polygons with Douglas–Peucker (highQuality) while keeping shared borders identical,
 * so neighbouring units keep meeting without gaps or overlaps. Borders are found by exact vertex
 * equality: round coordinates first if they come from different computations. Where simplifying
 * makes a polygon cross itself (a narrow inlet, say), the chains of that polygon are simplified
 * again with a quarter of the tolerance, up to six times.
 *
 * @example
 * const simplified = simplifySharedBorders(states, 0.005);
 */
export function simplifySharedBorders<G extends Polygon | MultiPolygon, P>(
  collection: FeatureCollection<G, P>,
  tolerance: number,
): FeatureCollection<G, P> {
  const inputParts = collection.features.map((f) => polygonsOf(f.geometry));
  const junctions = findJunctions(inputParts.flat(2).map(openRing));
  const inputKinks = inputParts.map((parts) => parts.map((rings) => kinkPoints(rings).length));
  const tolerances = new Map<string, number>();
  let outputParts: Position[][][][] = [];
  for (let round = 0; round <= MAX_REPAIR_ROUNDS; round++) {
    const store: ChainStore = { tolerances, simplified: new Map(), defaultTolerance: tolerance };
    const keysByPart: string[][][] = [];
    outputParts = inputParts.map((parts) => {
      const partKeys: string[][] = [];
      keysByPart.push(partKeys);
      return parts.map((rings) => {
        const used: string[] = [];
        partKeys.push(used);
        return rings.map((ring) => simplifyRing(ring, junctions, store, used));
      });
    });
    let repaired = false;
    outputParts.forEach((parts, f) =>
      parts.forEach((rings, p) => {
        const points = kinkPoints(rings);
        if (points.length <= (inputKinks[f]?.[p] ?? 0)) return;
        repaired = true;
        const keys = keysByPart[f]?.[p] ?? [];
        const crossing = chainsThrough(points, keys, store);
        // Lower only the chains that cross; if none is found, every chain of the polygon.
        for (const key of crossing.length > 0 ? crossing : keys) {
          tolerances.set(key, (tolerances.get(key) ?? tolerance) / 4);
        }
      }),
    );
    if (!repaired) break;
  }
  const features = collection.features.map((feature, f): Feature<G, P> => {
    const polygons = outputParts[f] ?? [];
    // The geometry keeps its type: a Polygon stays a Polygon, a MultiPolygon keeps its parts.
    const geometry = (
      feature.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
        : { type: 'MultiPolygon', coordinates: polygons }
    ) as G;
    return { ...feature, geometry };
  });
  return { type: 'FeatureCollection', features };
}
