import { booleanPointInPolygon, centerOfMass, pointOnFeature, polygon } from '@turf/turf';
import type { Position } from 'geojson';
import { ringArea, type Shape } from './shared-arcs';

/**
 * A point to label an area and to stand for it in flow maps: the area centroid of its largest polygon
 * (so an archipelago such as Zhoushan or Sansha is labelled on its main body), moved inside the polygon
 * when the centroid falls outside it (crescent-shaped areas).
 */
export function computeLabelPoint(shape: Shape): Position | null {
  let best: Shape[number] | undefined;
  let bestArea = -Infinity;
  for (const poly of shape) {
    const area = poly.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
    if (area > bestArea) {
      bestArea = area;
      best = poly;
    }
  }
  if (!best) return null;
  const feature = polygon(best);
  const center = centerOfMass(feature);
  if (booleanPointInPolygon(center, feature)) return center.geometry.coordinates;
  return pointOnFeature(feature).geometry.coordinates;
}
