/** Colour band of a burn rate, per the SRE workbook multiwindow table (14.4 / 6 / 1). */
export type BurnBand = 'critical' | 'high' | 'elevated' | 'ok' | 'no_data';

export function burnBand(rate: number | null | undefined): BurnBand {
  if (rate === null || rate === undefined || Number.isNaN(rate))
    return 'no_data';
  if (rate >= 14.4) return 'critical';
  if (rate >= 6) return 'high';
  if (rate >= 1) return 'elevated';
  return 'ok';
}

export const BURN_COLOURS: Record<
  BurnBand,
  { background: string; color: string }
> = {
  critical: { background: '#d32f2f', color: '#fff' },
  high: { background: '#f57c00', color: '#000' },
  elevated: { background: '#fbc02d', color: '#000' },
  ok: { background: '#388e3c', color: '#fff' },
  no_data: { background: '#9e9e9e', color: '#000' },
};
