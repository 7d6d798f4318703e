// The one place that pulls the map's CSS and font into the bundle (both served from the app, no CDN).
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';

export const MAP_FONT_FAMILY = '"Noto Sans SC", sans-serif';

/**
 * Resolve once the label font can draw `text`. deck.gl rasterises its font atlas once per character set, so
 * drawing before the web font has loaded would bake the fallback font into the labels.
 */
export async function loadMapFont(text: string): Promise<void> {
  if (typeof document === 'undefined' || !('fonts' in document)) return;
  try {
    await document.fonts.load(`400 32px ${MAP_FONT_FAMILY}`, text || '中');
  } catch {
    // A font that fails to load leaves the fallback font, which still reads.
  }
}
