import { ProviderIncident } from '../IncidentProvider';

const MINUTE = 60_000;

/**
 * A resolved SEV2 incident on checkout, started at `startedAt` (ms), acknowledged 10 minutes
 * later and resolved (its last change) an hour after it started; `extra` overrides any field.
 */
export function providerIncident(
  id: string,
  startedAt: number,
  extra: Partial<ProviderIncident> = {},
): ProviderIncident {
  const after = (minutes: number) =>
    new Date(startedAt + minutes * MINUTE).toISOString();
  return {
    id,
    title: `Incident ${id}`,
    severity: 'sev2',
    status: 'resolved',
    startedAt: after(0),
    acknowledgedAt: after(10),
    resolvedAt: after(60),
    updatedAt: after(60),
    services: ['checkout'],
    url: `https://blameless.test/incident/${id}/events`,
    ...extra,
  };
}

/**
 * An open SEV1 incident, "Card payments failing", under investigation on `services` since
 * `startedAt` (ISO 8601), which is also its last change; `extra` overrides any field.
 */
export function openIncident(
  id: string,
  startedAt: string,
  services: string[],
  extra: Partial<ProviderIncident> = {},
): ProviderIncident {
  return {
    id,
    title: 'Card payments failing',
    severity: 'sev1',
    status: 'investigating',
    startedAt,
    updatedAt: startedAt,
    services,
    url: `https://blameless.example.com/incident/${id}`,
    ...extra,
  };
}

/**
 * A row of `oncall_incidents` with the columns of its first migration, written straight to the
 * table by the migration tests; `extra` adds or overrides columns.
 */
export function incidentRow(
  id: string,
  extra: Record<string, string | number> = {},
): Record<string, string | number> {
  return {
    id,
    source: 'blameless',
    title: 't',
    severity: 'sev1',
    status: 'resolved',
    started_at: 1,
    updated_at: 1,
    url: 'u',
    services: '[]',
    ...extra,
  };
}
