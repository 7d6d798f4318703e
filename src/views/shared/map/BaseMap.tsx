import { Layer, type DeckProps, type LayersList } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { BEIJING_BOUNDS, NATIONAL_BOUNDS, type LonLatBounds } from '../../../core/geo/map-frame';
import { buildBaseStyle, type MapLang, type MapLevel } from './base-style';
import { declutterLabels } from './declutter-labels';
import type { BasemapSource } from './basemap-source';
import { loadMapFont, MAP_FONT_FAMILY } from './fonts';

export interface MapLabel {
  position: [number, number];
  text: string;
  /** Pixels; default 12. */
  size?: number;
  /** Hidden below this zoom (prefecture names only once a province fills the view). */
  minZoom?: number;
}

export interface BaseMapProps {
  level: MapLevel;
  lang: MapLang;
  /** Defaults to import.meta.env.BASE_URL. */
  baseUrl?: string;
  /** deck.gl layers drawn over the base map. */
  layers?: LayersList;
  labels?: readonly MapLabel[];
  legend?: ReactNode;
  getTooltip?: DeckProps['getTooltip'];
  /** Area to show; the level's whole frame when absent. Compared by value, so a new array with the same
   * numbers does not move the map. */
  bounds?: LonLatBounds | null;
  className?: string;
  style?: CSSProperties;
  ariaLabel?: string;
  /** the user's street tiles under the data (useBasemap().source); none by default */
  basemap?: BasemapSource | null;
}

const FRAME: Record<MapLevel, LonLatBounds> = { national: NATIONAL_BOUNDS, beijing: BEIJING_BOUNDS };
// Extra room at the bottom for the attribution line, which would otherwise cover the inset's lower edge.
const FIT_PADDING = { top: 24, right: 24, bottom: 40, left: 24 };
const LABEL_COLOR: [number, number, number, number] = [55, 55, 55, 255];
const HALO_COLOR: [number, number, number, number] = [255, 255, 255, 230];

const TOOLTIP_STYLE = { fontFamily: MAP_FONT_FAMILY, fontSize: '12px', maxWidth: '280px', whiteSpace: 'pre-line' };

/** Tooltips in the bundled font, so Chinese text does not depend on the machine's fonts. */
function withMapFont(getTooltip: NonNullable<DeckProps['getTooltip']>): NonNullable<DeckProps['getTooltip']> {
  return (info) => {
    const content = getTooltip(info);
    if (!content) return content;
    if (typeof content === 'string') return { text: content, style: TOOLTIP_STYLE };
    return { ...content, style: { ...TOOLTIP_STYLE, ...content.style } };
  };
}

/**
 * The map every view builds on: MapLibre draws the bundled boundaries (buildBaseStyle), deck.gl draws the data
 * in a MapboxOverlay on top (interleaved: false, so deck.gl keeps its own canvas and picking), and area
 * names are a deck.gl TextLayer, since MapLibre text would need remote glyphs.
 */
export function BaseMap({
  level,
  lang,
  baseUrl = import.meta.env.BASE_URL,
  layers,
  labels,
  legend,
  getTooltip,
  bounds,
  className,
  style,
  ariaLabel,
  basemap = null,
}: BaseMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [overlay, setOverlay] = useState<MapboxOverlay | null>(null);
  const [zoom, setZoom] = useState(0);
  const [viewVersion, setViewVersion] = useState(0);
  const [fontReady, setFontReady] = useState(false);
  const boundsKey = bounds ? bounds.flat().join(',') : '';
  const appliedLang = useRef(lang);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new maplibregl.Map({
      container,
      style: buildBaseStyle({ level, lang: appliedLang.current, baseUrl, basemap }),
      bounds: FRAME[level],
      fitBoundsOptions: { padding: FIT_PADDING },
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const deckOverlay = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(deckOverlay);
    const onZoom = () => setZoom(Math.round(map.getZoom() * 2) / 2);
    const onMove = () => setViewVersion((v) => v + 1);
    map.on('zoomend', onZoom);
    map.on('moveend', onMove);
    map.once('load', onZoom);
    mapRef.current = map;
    setOverlay(deckOverlay);
    return () => {
      setOverlay(null);
      mapRef.current = null;
      map.off('zoomend', onZoom);
      map.off('moveend', onMove);
      deckOverlay.finalize();
      map.remove();
    };
    // a new basemap rebuilds the map (its key says when the tiles change)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [level, baseUrl, basemap?.key]);

  // A language switch restyles the map in place: the overlay and its layers stay.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || appliedLang.current === lang) return;
    appliedLang.current = lang;
    map.setStyle(buildBaseStyle({ level, lang, baseUrl, basemap }));
    // the basemap is applied when the map is built (above); this follows the language only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [level, lang, baseUrl]);

  const labelText = useMemo(() => (labels ?? []).map((l) => l.text).join(''), [labels]);
  useEffect(() => {
    // One font face covers every character, so once it has loaded it stays ready.
    if (fontReady || !labelText) return;
    let alive = true;
    void loadMapFont(labelText).then(() => {
      if (alive) setFontReady(true);
    });
    return () => {
      alive = false;
    };
  }, [labelText, fontReady]);

  const visibleLabels = useMemo(
    () => (labels ?? []).filter((l) => l.minZoom === undefined || zoom >= l.minZoom),
    [labels, zoom],
  );

  useEffect(() => {
    if (!overlay) return;
    const map = mapRef.current;
    // names that would overlap at this view give way to larger (then earlier) ones instead of piling up
    const placed = map && viewVersion > 0 ? declutterLabels(visibleLabels, (p) => map.project(p)) : visibleLabels;
    const labelLayer =
      fontReady && placed.length
        ? new TextLayer<MapLabel>({
            id: 'area-labels',
            data: placed,
            getPosition: (d) => d.position,
            getText: (d) => d.text,
            getSize: (d) => d.size ?? 12,
            getColor: LABEL_COLOR,
            characterSet: 'auto',
            fontFamily: MAP_FONT_FAMILY,
            fontSettings: { sdf: true },
            outlineWidth: 3,
            outlineColor: HALO_COLOR,
            sizeUnits: 'pixels',
            pickable: false,
          })
        : null;
    // fresh layer instances for each overlay: a layer the previous map's overlay finalized (when a new basemap or
    // language rebuilt the map) would not draw again; a clone with equal props costs no recomputation
    const fresh = (list: LayersList): LayersList =>
      list.map((l) => (l instanceof Layer ? l.clone({}) : Array.isArray(l) ? fresh(l) : l));
    overlay.setProps({
      layers: [...fresh(layers ?? []), labelLayer],
      getTooltip: getTooltip ? withMapFont(getTooltip) : null,
    });
  }, [overlay, layers, visibleLabels, viewVersion, fontReady, getTooltip]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !overlay) return;
    const target = boundsKey ? (boundsKey.split(',').map(Number) as [number, number, number, number]) : null;
    map.fitBounds(target ?? FRAME[level], { padding: FIT_PADDING, maxZoom: 14, duration: target ? 600 : 0 });
  }, [boundsKey, overlay, level]);

  return (
    <div
      className={`base-map ${className ?? ''}`}
      style={{ position: 'relative', width: '100%', height: '100%', minHeight: 320, ...style }}
    >
      <div ref={containerRef} role="region" aria-label={ariaLabel} style={{ position: 'absolute', inset: 0 }} />
      {legend && <div style={{ position: 'absolute', left: 10, bottom: 24, zIndex: 2 }}>{legend}</div>}
    </div>
  );
}
