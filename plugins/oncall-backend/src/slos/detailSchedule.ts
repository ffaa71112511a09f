/**
 * DataDog's `slo_history` limit per account (150 requests per 10 s, recorded in its
 * `X-RateLimit-*` headers): the history reads a minute the details may plan for when
 * `oncall.datadog.requestsPerMinute` is unset.
 */
export const SLO_HISTORY_PER_MINUTE = 900;

/** History reads of one SLO's detail at most (metric SLOs; monitor SLOs need one). */
const READS_PER_DETAIL = 2;

/**
 * The max age the details are refreshed with: the configured one, raised where N SLOs' reads
 * would not fit the history-read budget. With each detail read once per max age its reads
 * take half of `readsPerMinute`, and right after a full pass (every detail then comes due
 * within half a max age, see {@link isDetailDue}) all of it, never more: max age ≥
 * 2 reads × N / (readsPerMinute / 2). At the default budget that is N / 225 minutes —
 * 10 minutes up to 2,250 SLOs, ~45 at 10,000, ~178 at 40,000.
 */
export function detailMaxAgeMs(
  configuredMs: number,
  slos: number,
  readsPerMinute: number = SLO_HISTORY_PER_MINUTE,
): number {
  const floorMs = Math.ceil(
    (2 * READS_PER_DETAIL * slos * 60_000) / readsPerMinute,
  );
  return Math.max(configuredMs, floorMs);
}

/**
 * When an SLO's detail (burn-rate windows and recent days) is due again. Each SLO has a
 * stable phase within the max age, hashed from its id; read at `last`, its detail is due at
 * `last + maxAge / 2 + untilPhase / 2`, where `untilPhase` (0, maxAge] is the time from
 * `last` to its next phase point — always between half and all of the max age. After a
 * first sync that read every SLO at once the reads therefore spread evenly over the second
 * half of the following max age instead of all coming due in one run, and each SLO's reads
 * then settle on its phase, once per max age.
 *
 * `aheadMs`: how much earlier than its due time a detail is read — half the time to the
 * next run, so each detail is read in the run nearest its due time (with runs every half
 * max age, half the details in each). Never due before half the max age, always at the max
 * age.
 */
export function isDetailDue(
  id: string,
  refreshedAt: Date | undefined,
  now: Date,
  maxAgeMs: number,
  aheadMs: number = 0,
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
  return now.getTime() + aheadMs >= last + maxAgeMs / 2 + untilPhase / 2;
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
