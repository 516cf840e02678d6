/**
 * The export composition layer for report-ready map snapshots (issue #5).
 *
 * Everything around the rendered map: layout and drawing of the title, legend, scale bar, north
 * arrow, attribution, filters and provenance on a 2D canvas; PNG text metadata; file names;
 * the data hash; and device size limits. It imports no maplibre-gl and nothing from
 * `src/lib/map/`: the map module renders the map at the export size and passes the image in.
 */
export * from './compose.ts';
export * from './data-hash.ts';
export * from './legend-layout.ts';
export * from './limits.ts';
export * from './naming.ts';
export * from './png-text-chunks.ts';
export * from './scale-bar.ts';
export * from './snapshot-layout.ts';
export * from './snapshot-text.ts';
export * from './text-layout.ts';
