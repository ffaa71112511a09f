import { ProviderSlo } from '../SloProvider';

/** When the SLO store tests read their SLOs. */
export const AT = new Date('2026-11-20T12:00:00Z');

/** A 30-day, 99.9% DataDog SLO with the given id and tags. */
export const providerSlo = (
  id: string,
  tags: string[],
  extra: Partial<ProviderSlo> = {},
): ProviderSlo => ({
  id,
  name: `SLO ${id}`,
  tags,
  target: 99.9,
  timeframe: '30d',
  url: `https://app.datadoghq.com/slo?slo_id=${id}`,
  ...extra,
});
