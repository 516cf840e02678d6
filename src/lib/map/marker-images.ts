import type { Map as MlMap } from 'maplibre-gl';
import { symbolImages } from '../symbols/image.ts';
import { SYMBOLS, type SymbolTable } from '../symbols/table.ts';

/** Adds every marker and outline image of the symbol table to the map, drawn for `pixelRatio`. */
export function addMarkerImages(map: MlMap, pixelRatio = window.devicePixelRatio || 1, table: SymbolTable = SYMBOLS): void {
  for (const { name, image, pixelRatio: ratio } of symbolImages(table, pixelRatio)) {
    if (!map.hasImage(name)) map.addImage(name, image, { pixelRatio: ratio });
  }
}

/**
 * Supplies marker images whenever the style asks for one (drawn for `pixelRatio`, e.g. an
 * export's 2× or 3×, so markers stay sharp), so the first tiles never draw
 * without their markers (a `styleimagemissing` listener is too late to fill the request).
 */
export function installMarkerImages(map: MlMap, pixelRatio?: number, table: SymbolTable = SYMBOLS): void {
  map.setMissingStyleImageResolver(() => addMarkerImages(map, pixelRatio, table));
}
