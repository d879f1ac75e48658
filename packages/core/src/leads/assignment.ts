/** A salesperson who may take leads, with how many open leads they hold and may hold. */
export interface AssignmentCandidate {
  userId: string;
  openLeads: number;
  /** Maximum open leads (`Infinity` when unlimited). */
  capacity: number;
  region?: string | undefined;
}

/** Whether the candidate can take one more lead. */
export function hasRoom(candidate: AssignmentCandidate): boolean {
  return candidate.openLeads < candidate.capacity;
}

/**
 * Round-robin within a team: the next member from `cursor` (positions wrap) who still has room; members at
 * capacity are skipped. Returns the member and the cursor to continue from, or undefined when everyone is full.
 */
export function pickRoundRobin(candidates: readonly AssignmentCandidate[], cursor: number): { candidate: AssignmentCandidate; nextCursor: number } | undefined {
  const n = candidates.length;
  for (let step = 0; step < n; step++) {
    const position = (((cursor + step) % n) + n) % n;
    const candidate = candidates[position]!;
    if (hasRoom(candidate)) return { candidate, nextCursor: position + 1 };
  }
  return undefined;
}

/** Folds a region name for comparison ("Hà Nội", "ha noi" and "HÀ NỘI" are one region). */
export function regionKey(region: string): string {
  return region
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Assignment by sales region: among candidates of the lead's region with room, the least loaded (ties by the
 * order given, so the team's order decides). Undefined when nobody in that region has room.
 */
export function pickByRegion(candidates: readonly AssignmentCandidate[], region: string): AssignmentCandidate | undefined {
  const key = regionKey(region);
  let best: AssignmentCandidate | undefined;
  for (const candidate of candidates) {
    if (!candidate.region || regionKey(candidate.region) !== key || !hasRoom(candidate)) continue;
    if (!best || candidate.openLeads < best.openLeads) best = candidate;
  }
  return best;
}
