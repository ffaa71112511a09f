/**
 * When an SLO's detail (burn-rate windows and recent days) is due again. Each SLO has a
 * stable phase within the max age, hashed from its id; its detail is due at the first phase
 * point after half the max age has passed since the last read, and always once the whole max
 * age has passed. After a first sync that read every SLO at once, the refreshes therefore
 * spread over the runs of the following max age (in steady state each SLO is read once per
 * max age, at its phase), instead of all coming due in one run again.
 */
export function isDetailDue(
  id: string,
  refreshedAt: Date | undefined,
  now: Date,
  maxAgeMs: number,
): boolean {
  if (!refreshedAt) {
    return true;
  }
  const last = refreshedAt.getTime();
  const age = now.getTime() - last;
  if (age >= maxAgeMs) {
    return true;
  }
  if (age < maxAgeMs / 2) {
    return false;
  }
  const phase = stableFraction(id) * maxAgeMs;
  let untilPhase = (((phase - last) % maxAgeMs) + maxAgeMs) % maxAgeMs;
  if (untilPhase === 0) {
    untilPhase = maxAgeMs;
  }
  return now.getTime() >= last + untilPhase;
}

/** A stable number in [0, 1) per id (32-bit FNV-1a). */
export function stableFraction(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}
