import type { GeoPoint } from '../schema/common.js';
import { haversineMetres } from './optimize/distance.js';

/** The default radius within which a face-to-face check-in counts as at the customer's place. */
export const DEFAULT_CHECK_IN_RADIUS_METRES = 300;

/**
 * How far a check-in was from the customer's recorded position, and whether that is beyond the radius
 * (a visit logged from elsewhere). Without a customer position nothing can be flagged.
 */
export function assessCheckIn(checkIn: GeoPoint, customer: GeoPoint | undefined, radiusMetres = DEFAULT_CHECK_IN_RADIUS_METRES): { distanceMeters?: number; farFromCustomer: boolean } {
  if (!customer) return { farFromCustomer: false };
  const distanceMeters = Math.round(haversineMetres(checkIn, customer));
  return { distanceMeters, farFromCustomer: distanceMeters > radiusMetres };
}
