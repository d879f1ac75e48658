import type { GeoPoint } from '@crmkit/core';

/** The plot's drawing area (SVG user units). */
export const PLOT_WIDTH = 400;
/** The plot's height (SVG user units). */
export const PLOT_HEIGHT = 300;
const PADDING = 20;

/** A point placed on the plot. */
export interface PlottedPoint {
  x: number;
  y: number;
}

/**
 * Places GPS points on the plot: an equirectangular projection around the points' mean latitude (so a
 * kilometre east looks as long as a kilometre north), scaled to fit the view box with a margin and centred.
 * North is up.
 */
export function projectPoints(points: readonly GeoPoint[]): PlottedPoint[] {
  if (points.length === 0) return [];
  const meanLat = points.reduce((sum, point) => sum + point.lat, 0) / points.length;
  const cos = Math.cos((meanLat * Math.PI) / 180);
  const xs = points.map((point) => point.lng * cos);
  const ys = points.map((point) => point.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const scale = Math.min((PLOT_WIDTH - 2 * PADDING) / (spanX || 1), (PLOT_HEIGHT - 2 * PADDING) / (spanY || 1));
  const offsetX = (PLOT_WIDTH - spanX * scale) / 2;
  const offsetY = (PLOT_HEIGHT - spanY * scale) / 2;
  return points.map((_, i) => ({
    x: Math.round((offsetX + (xs[i]! - minX) * scale) * 10) / 10,
    y: Math.round((PLOT_HEIGHT - offsetY - (ys[i]! - minY) * scale) * 10) / 10,
  }));
}
