import {
  AttributionControl,
  GeoJSONSource,
  Map as MlMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { FeatureCollection, Point } from 'geojson';
import { LAYER, LOCAL_SOURCE_LAYER, SOURCE } from './ids.ts';
import { AREA_STATE } from './area-layers.ts';
import type { CameraView, ViewChangeCause } from '../domain/view.ts';
import type { DisplacementFigure, IncidentRecord } from '../domain/incident.ts';
import { displacementToFeatureCollection } from '../geo/displacement.ts';
import type { SnapshotPort } from '../domain/snapshot-port.ts';
import { areaIncidentCounts, incidentsToFeatureCollection, incidentsToMarkers, type IncidentProps, type MarkerContext, type MarkerItem } from '../geo/incident-features.ts';

export type { MarkerContext };
import { areaKindOf } from '../domain/areas.ts';
import { LIVE_LAYERS, SETTLED_LAYERS, pointLayerIds } from './incident-layers.ts';
import { installMarkerImages } from './marker-images.ts';
import { snapshotPort } from './snapshot.ts';
import { buildMapStyle, INCIDENT_CLUSTER } from './style.ts';

// Vite cannot see MapLibre's worker; without this the map never reaches `idle`.
setWorkerUrl(workerUrl);

export interface ConflictMapCallbacks {
  /** The first `idle`: style, data and fonts drawn. */
  onReady?: () => void;
  onViewChange?: (view: CameraView, cause: ViewChangeCause) => void;
  /** IncidentRecord ids under a click; several when markers share a place. */
  onIncidentClick?: (ids: string[]) => void;
  onIncidentHover?: (id: string | null) => void;
  /** A click on empty map. */
  onBackgroundClick?: () => void;
  /** A displacement circle was clicked (not a marker on it): the ids of its figures. */
  onDisplacementClick?: (figureIds: string[]) => void;
  /** "By township": the pointer is over a township (its code and the pointer's position in the map), or left it. */
  onTownshipHover?: (code: string | null, at: { readonly x: number; readonly y: number } | null) => void;
  /** "By township": a township was clicked (not a marker on it). */
  onTownshipClick?: (code: string) => void;
}

const MARKER_LAYERS = [SETTLED_LAYERS.markers, SETTLED_LAYERS.areaMarkers, LIVE_LAYERS.markers, LIVE_LAYERS.areaMarkers];
const RING_LAYERS = [SETTLED_LAYERS.uncertainty, LIVE_LAYERS.uncertainty];
const CLICKABLE = [...MARKER_LAYERS, ...RING_LAYERS];
/** Above this many visible incidents the map clusters them. */
const CLUSTER_ABOVE = 500;
const SETTLED_ONLY = [LAYER.clusters, LAYER.clusterCount, LAYER.markerCounts, ...pointLayerIds(SETTLED_LAYERS)];

/** Resolves a shipped file's path against the page, because MapLibre's worker has another base URL. */
function absoluteUrl(path: string): string {
  return new URL(path, document.baseURI).href;
}

/**
 * The one owner of the MapLibre map. Everything else talks to it through these methods and
 * callbacks; components never hold the Map.
 */
export class ConflictMap {
  readonly #map: MlMap;
  readonly #cb: ConflictMapCallbacks;
  #pendingCause: ViewChangeCause | null = null;
  #hoverId: string | null = null;
  #clustered = false;
  /** Which incidents each settled marker stands for (a marker key is `a:<area>` or `p:<lon>,<lat>`). */
  #members: ReadonlyMap<string, readonly string[]> = new Map();
  /** Area codes whose tint is set, so a new set can clear the ones it no longer holds. */
  #tinted = new Set<string>();
  #byTownship = false;
  /** Townships given a "By township" class, so a new set can clear the others. */
  #classed = new Set<string>();
  #hoverTownship: string | null = null;

  constructor(container: HTMLElement, initialView: CameraView, cb: ConflictMapCallbacks) {
    this.#cb = cb;
    this.#map = new MlMap({
      container,
      style: buildMapStyle(absoluteUrl),
      center: [initialView.lon, initialView.lat],
      zoom: initialView.zoom,
      bearing: initialView.bearing,
      pitch: initialView.pitch,
      attributionControl: false,
      maxZoom: 14,
      minZoom: 3.5,
      // The derived countries are clipped to 84–106 E, 5–32 N: keep the view inside that box.
      maxBounds: [
        [84.5, 5.5],
        [105.5, 31.5],
      ],
      maxPitch: 60,
      cooperativeGestures: false,
      hash: false,
    });
    const map = this.#map;
    map.addControl(new NavigationControl({ showCompass: true, visualizePitch: true }), 'top-right');
    map.addControl(new ScaleControl({ maxWidth: 120, unit: 'metric' }), 'bottom-left');
    // Responsive: expanded on wide maps, a button that unfolds it on narrow ones (phones).
    map.addControl(new AttributionControl(), 'bottom-right');
    installMarkerImages(map);
    map.once('idle', () => {
      // On a phone MapLibre opens the compact attribution over a fifth of the map until the first
      // drag: start folded behind its (i) button there. Wide maps keep it open, in its compact box
      // (the full-width strip would run over the scale bar in two lines of credits).
      if (map.getCanvasContainer().offsetWidth <= 640) {
        map.getContainer().querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');
      }
      cb.onReady?.();
    });
    map.on('moveend', () => {
      const cause = this.#pendingCause ?? 'move';
      this.#pendingCause = null;
      cb.onViewChange?.(this.view(), cause);
    });
    this.#wireInteraction();
  }

  #wireInteraction(): void {
    const map = this.#map;
    for (const layer of CLICKABLE) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
        this.#cb.onIncidentHover?.(null);
      });
      map.on('mousemove', layer, (e) => {
        const id = this.#idsAt(e)[0] ?? null;
        if (id !== this.#hoverId) this.#cb.onIncidentHover?.(id);
      });
    }
    for (const layer of [LAYER.clusters, LAYER.clusterCount, LAYER.displacementCircles]) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    map.on('click', (e) => void this.#onClick(e));
    map.on('mousemove', LAYER.townshipChoropleth, (e) => {
      const code = e.features?.[0]?.properties['pcode'];
      const onMarker = this.#idsAt(e).length > 0;
      this.#cb.onTownshipHover?.(typeof code === 'string' && !onMarker ? code : null, { x: e.point.x, y: e.point.y });
    });
    map.on('mouseleave', LAYER.townshipChoropleth, () => this.#cb.onTownshipHover?.(null, null));
  }

  #idsAt(e: MapMouseEvent): string[] {
    const pad = 6;
    const box: [[number, number], [number, number]] = [
      [e.point.x - pad, e.point.y - pad],
      [e.point.x + pad, e.point.y + pad],
    ];
    const layers = (ids: string[]): string[] => ids.filter((id) => this.#map.getLayoutProperty(id, 'visibility') !== 'none');
    const markerHits = this.#map.queryRenderedFeatures(box, { layers: layers(MARKER_LAYERS) });
    const hits = markerHits.length ? markerHits : this.#map.queryRenderedFeatures(e.point, { layers: layers(RING_LAYERS) });
    const ids: string[] = [];
    for (const f of hits) {
      for (const id of this.#idsOf(f.properties as Partial<IncidentProps>)) if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  async #onClick(e: MapMouseEvent): Promise<void> {
    const clusters = this.#map.queryRenderedFeatures(e.point, { layers: [LAYER.clusters, LAYER.clusterCount] });
    const cluster = clusters[0];
    if (cluster) {
      await this.#expandCluster(cluster);
      return;
    }
    const ids = this.#idsAt(e);
    if (ids.length) {
      this.#cb.onIncidentClick?.(ids);
      return;
    }
    const figures = this.#map
      .queryRenderedFeatures(e.point, { layers: [LAYER.displacementCircles] })
      .map((f) => f.properties['figureId'])
      .filter((id): id is string => typeof id === 'string');
    if (figures.length) {
      this.#cb.onDisplacementClick?.(figures);
      return;
    }
    const township = this.#byTownship ? this.#map.queryRenderedFeatures(e.point, { layers: [LAYER.townshipChoropleth] })[0] : undefined;
    const code = township?.properties['pcode'];
    if (typeof code === 'string') this.#cb.onTownshipClick?.(code);
    else this.#cb.onBackgroundClick?.();
  }

  async #expandCluster(feature: MapGeoJSONFeature): Promise<void> {
    const source = this.#map.getSource<GeoJSONSource>(SOURCE.incidents);
    const clusterId = feature.properties['cluster_id'] as number;
    if (!source || feature.geometry.type !== 'Point') return;
    const center = feature.geometry.coordinates as [number, number];
    const zoom = await source.getClusterExpansionZoom(clusterId);
    if (zoom <= this.#map.getMaxZoom() && zoom > this.#map.getZoom() + 0.01) {
      this.#pendingCause = 'deliberate';
      this.#map.easeTo({ center, zoom });
      return;
    }
    // Points that never separate share a place: offer them as one list.
    const leaves = await source.getClusterLeaves(clusterId, 500, 0);
    const ids = leaves.flatMap((l) => this.#idsOf(l.properties as Partial<IncidentProps>));
    this.#cb.onIncidentClick?.(ids);
  }

  /** The incidents a marker stands for: its members when settled, else the ids it carries. */
  #idsOf(props: Partial<IncidentProps>): readonly string[] {
    const members = typeof props.key === 'string' ? this.#members.get(props.key) : undefined;
    if (members) return members;
    return typeof props.ids === 'string' ? props.ids.split('|').filter(Boolean) : [];
  }

  #whenStyleReady(fn: () => void): void {
    if (this.#map.style?._loaded) fn();
    else this.#map.once('load', fn);
  }

  /** The current view. */
  view(): CameraView {
    const c = this.#map.getCenter();
    return { zoom: this.#map.getZoom(), lat: c.lat, lon: c.lng, bearing: this.#map.getBearing(), pitch: this.#map.getPitch() };
  }

  /** Fits the view to [west, south, east, north]; a deliberate move that gets a history entry. */
  fitBounds(bbox: readonly [number, number, number, number], animate = true): void {
    this.#pendingCause = 'deliberate';
    const bounds: LngLatBoundsLike = [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ];
    this.#map.fitBounds(bounds, { padding: 40, animate, duration: animate ? 600 : 0 });
  }

  /** Moves to a view restored from the URL (Back/Forward or a pasted link). */
  jumpTo(view: CameraView): void {
    this.#pendingCause = 'restore';
    this.#map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom, bearing: view.bearing, pitch: view.pitch });
  }

  /** Flies to a point, keeping a useful zoom; deliberate. */
  flyTo(lon: number, lat: number, zoom?: number): void {
    this.#pendingCause = 'deliberate';
    this.#map.flyTo({ center: [lon, lat], zoom: Math.max(zoom ?? this.#map.getZoom(), 8), duration: 700, essential: true });
  }

  /**
   * Replaces the incidents shown (the visible set, already filtered) as markers: one per area for
   * places known only to an area, one per point for several at the same spot. A few hundred
   * markers are drawn one by one, so their categories show at country level; more are clustered.
   */
  setIncidents(incidents: readonly (IncidentRecord | MarkerItem)[], ctx: MarkerContext): void {
    const source = this.#map.getSource<GeoJSONSource>(SOURCE.incidents);
    if (!source) return;
    const markers = incidentsToMarkers(incidents, ctx);
    this.#members = markers.members;
    this.setAreaCounts(areaIncidentCounts(incidents, ctx));
    const cluster = markers.collection.features.length > CLUSTER_ABOVE;
    if (cluster !== this.#clustered) {
      this.#clustered = cluster;
      void source.setClusterOptions({ cluster, clusterRadius: INCIDENT_CLUSTER.clusterRadius, clusterMaxZoom: INCIDENT_CLUSTER.clusterMaxZoom });
    }
    source.setData(markers.collection);
  }

  /** Tints every area (township, district, state) by the incidents known only to it; other areas lose their tint. */
  setAreaCounts(counts: ReadonlyMap<string, number>): void {
    this.#whenStyleReady(() => {
      for (const code of this.#tinted) if (!counts.has(code)) this.#setAreaState(code, { [AREA_STATE.areaCount]: 0 });
      for (const [code, n] of counts) this.#setAreaState(code, { [AREA_STATE.areaCount]: n });
      this.#tinted = new Set(counts.keys());
    });
  }

  #setAreaState(code: string, state: Record<string, number>): void {
    const kind = areaKindOf(code);
    if (kind === 'region') this.#map.setFeatureState({ source: SOURCE.admin1, id: code }, state);
    else if (kind === 'district') this.#map.setFeatureState({ source: SOURCE.local, sourceLayer: LOCAL_SOURCE_LAYER.districts, id: code }, state);
    else if (kind === 'township') this.#map.setFeatureState({ source: SOURCE.local, sourceLayer: LOCAL_SOURCE_LAYER.townships, id: code }, state);
  }

  /**
   * "By township": colours each township by its class (1… the legend's classes; absent = none),
   * or switches the colouring off. Area tints give way while it is on.
   */
  setByTownship(on: boolean, classes: ReadonlyMap<string, number>): void {
    this.#byTownship = on;
    this.#whenStyleReady(() => {
      this.#map.setGlobalStateProperty('byTownship', on);
      for (const id of [LAYER.townshipChoropleth, LAYER.townshipChoroplethLine]) this.#map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
      for (const code of this.#classed) if (!classes.has(code)) this.#setAreaState(code, { [AREA_STATE.choroplethClass]: 0 });
      for (const [code, cls] of classes) this.#setAreaState(code, { [AREA_STATE.choroplethClass]: cls });
      this.#classed = new Set(classes.keys());
    });
  }

  /** Highlights one township's border in "By township" (pointer or keyboard focus); null for none. */
  setHoverTownship(code: string | null): void {
    this.#whenStyleReady(() => {
      if (this.#hoverTownship) this.#setAreaState(this.#hoverTownship, { [AREA_STATE.hover]: 0 });
      this.#hoverTownship = code;
      if (code) this.#setAreaState(code, { [AREA_STATE.hover]: 1 });
    });
  }

  /** Outlines the area (township, district or state) of the selected incident; '' for none. */
  setSelectedArea(code: string): void {
    this.#whenStyleReady(() => this.#map.setGlobalStateProperty('selectedArea', code));
  }

  /**
   * Live mode, while a brush moves or the timeline plays: unclustered points filtered on the GPU by
   * a global-state date range, so each step costs a uniform update instead of re-clustering.
   */
  setLiveMode(on: boolean): void {
    this.#whenStyleReady(() => {
      for (const id of pointLayerIds(LIVE_LAYERS)) this.#map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
      for (const id of SETTLED_ONLY) this.#map.setLayoutProperty(id, 'visibility', on ? 'none' : 'visible');
    });
  }

  /** The date range (day numbers, inclusive) the live layers show. */
  setLiveRange(fromDay: number, toDay: number): void {
    this.#whenStyleReady(() => {
      this.#map.setGlobalStateProperty('liveFromDay', fromDay);
      this.#map.setGlobalStateProperty('liveToDay', toDay);
    });
  }

  /** The incidents the live layers filter by date (those passing every other filter). */
  setLiveIncidents(incidents: readonly (IncidentRecord | MarkerItem)[], ctx: MarkerContext): void {
    this.#map.getSource<GeoJSONSource>(SOURCE.incidentsLive)?.setData(incidentsToFeatureCollection(incidents, ctx));
  }

  /** Replaces the displacement circles: the latest figure of each area, at the area's label point. */
  setDisplacement(figures: readonly DisplacementFigure[], labelPoint: (area: string) => readonly [number, number] | null): void {
    this.#map.getSource<GeoJSONSource>(SOURCE.displacement)?.setData(displacementToFeatureCollection(figures, labelPoint));
  }

  /** Highlights the hovered incident's marker. */
  setHovered(id: string | null): void {
    this.#hoverId = id;
    this.#whenStyleReady(() => this.#map.setGlobalStateProperty('hoverId', id ?? ''));
  }

  /** Highlights the selected incident's marker. */
  setSelected(id: string | null): void {
    this.#whenStyleReady(() => this.#map.setGlobalStateProperty('selectedId', id ?? ''));
  }

  /**
   * Moves a point into the part of the map that `covered` (CSS pixels on the right and at the
   * bottom) leaves visible, when it is not already well inside it; a small ease, not a jump.
   */
  reveal(lon: number, lat: number, covered: { readonly right: number; readonly bottom: number }): void {
    const container = this.#map.getContainer();
    const w = container.clientWidth - covered.right;
    const h = container.clientHeight - covered.bottom;
    if (w <= 40 || h <= 40) return;
    const p = this.#map.project([lon, lat]);
    const margin = 40;
    if (p.x >= margin && p.y >= margin && p.x <= w - margin && p.y <= h - margin) return;
    this.#map.easeTo({ center: [lon, lat], offset: [-covered.right / 2, -covered.bottom / 2], duration: 400 });
  }

  /** The map's canvas element, for tests and focus handling. */
  canvas(): HTMLCanvasElement {
    return this.#map.getCanvas();
  }

  /** The underlying map, for the export module and the documented test handle only. */
  get maplibre(): MlMap {
    return this.#map;
  }

  /** What the snapshot export needs from this map; it renders on a hidden map and leaves this one as it is. */
  snapshotPort(): SnapshotPort {
    return snapshotPort(this.#map);
  }

  /** Releases the map. */
  destroy(): void {
    this.#map.remove();
  }
}
