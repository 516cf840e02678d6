import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection, Geometry } from 'geojson';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';

/** [west, south, east, north] in degrees. */
export type LonLatBounds = readonly [number, number, number, number];

/** Web Mercator x of a longitude, 0–1 across the world (as MapLibre computes it). */
export function mercatorX(lon: number): number {
  return (180 + lon) / 360;
}

/** Web Mercator y of a latitude, 0 at the top of the world, 1 at the bottom (as MapLibre computes it). */
export function mercatorY(lat: number): number {
  return (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
}

/** Inclusive ranges of tile columns and rows at zoom z. */
export interface TileRange {
  z: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/**
 * The tiles MapLibre may request at zoom z for a vector source with these `bounds`: the same
 * floor/ceil rule as its `TileBounds.contains` (src/tile/tile_bounds.ts in maplibre-gl 6), so
 * every tile it asks for is written.
 *
 * @example
 * tileRange([92, 9, 102, 29], 4); // { z: 4, minX: 12, maxX: 12, minY: 6, maxY: 7 }
 */
export function tileRange(bounds: LonLatBounds, z: number): TileRange {
  const size = 2 ** z;
  const [west, south, east, north] = bounds;
  return {
    z,
    minX: Math.floor(mercatorX(west) * size),
    minY: Math.floor(mercatorY(north) * size),
    maxX: Math.ceil(mercatorX(east) * size) - 1,
    maxY: Math.ceil(mercatorY(south) * size) - 1,
  };
}

/** One layer of the tiles: per zoom, the features it holds there (null: not at that zoom). */
export interface TileLayer {
  name: string;
  /** The same collection object at several zooms is cut once. */
  featuresAt: (z: number) => FeatureCollection<Geometry> | null;
  /**
   * geojson-vt simplification tolerance (in 1/extent of a tile; its default is 3). Use 0 for
   * polygons simplified beforehand so that neighbours keep their shared borders identical.
   */
  tolerance: number;
}

/** Options of {@link writeVectorTiles}. */
export interface TileOptions {
  bounds: LonLatBounds;
  minzoom: number;
  maxzoom: number;
  /** Tile coordinate extent (MVT default 4096). */
  extent: number;
  /** Tile buffer in extent units on each side (geojson-vt default 64), so lines and fills join across tiles. */
  buffer: number;
}

/** Sizes of the tiles of one zoom. */
export interface ZoomStats {
  z: number;
  files: number;
  emptyFiles: number;
  bytes: number;
  gzipBytes: number;
}

/** What {@link writeVectorTiles} wrote. */
export interface TileStats {
  zooms: ZoomStats[];
  /** Raw and gzip bytes of each tile, by "z/x/y". */
  sizes: Map<string, { bytes: number; gzipBytes: number }>;
}

/**
 * Cuts the layers into Mapbox Vector Tiles (spec version 2) with geojson-vt and vt-pbf and
 * writes every tile in the bounds at every zoom as `dir/z/x/y.pbf`. A tile with no feature is
 * written as an empty file (a vector tile without layers encodes to zero bytes), so no request
 * within the bounds fails.
 *
 * @example
 * const stats = writeVectorTiles('public/tiles/local', layers, { bounds, minzoom: 4, maxzoom: 10, extent: 4096, buffer: 64 });
 */
export function writeVectorTiles(dir: string, layers: readonly TileLayer[], options: TileOptions): TileStats {
  const indexes = new Map<FeatureCollection<Geometry>, GeoJSONVT>();
  const indexFor = (collection: FeatureCollection<Geometry>, layer: TileLayer): GeoJSONVT => {
    let index = indexes.get(collection);
    if (!index) {
      index = new GeoJSONVT(collection, {
        maxZoom: options.maxzoom,
        indexMaxZoom: 0,
        tolerance: layer.tolerance,
        extent: options.extent,
        buffer: options.buffer,
      });
      indexes.set(collection, index);
    }
    return index;
  };
  const zooms: ZoomStats[] = [];
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  for (let z = options.minzoom; z <= options.maxzoom; z++) {
    const range = tileRange(options.bounds, z);
    const stats: ZoomStats = { z, files: 0, emptyFiles: 0, bytes: 0, gzipBytes: 0 };
    const present = layers.flatMap((layer) => {
      const collection = layer.featuresAt(z);
      return collection ? [{ layer, index: indexFor(collection, layer) }] : [];
    });
    for (let x = range.minX; x <= range.maxX; x++) {
      mkdirSync(join(dir, String(z), String(x)), { recursive: true });
      for (let y = range.minY; y <= range.maxY; y++) {
        const tiles: Record<string, GeoJSONVTTile> = {};
        for (const { layer, index } of present) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) tiles[layer.name] = tile;
        }
        const bytes = Object.keys(tiles).length > 0 ? fromGeojsonVt(tiles, { version: 2, extent: options.extent }) : new Uint8Array(0);
        writeFileSync(join(dir, String(z), String(x), `${y}.pbf`), bytes);
        // An empty body is sent as is; gzip would only add its 20-byte header.
        const gzipBytes = bytes.length > 0 ? gzipSync(bytes).length : 0;
        sizes.set(`${z}/${x}/${y}`, { bytes: bytes.length, gzipBytes });
        stats.files++;
        if (bytes.length === 0) stats.emptyFiles++;
        stats.bytes += bytes.length;
        stats.gzipBytes += gzipBytes;
      }
    }
    zooms.push(stats);
  }
  return { zooms, sizes };
}
