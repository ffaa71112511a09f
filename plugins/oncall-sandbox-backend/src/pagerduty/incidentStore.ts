import { randomUUID } from 'node:crypto';
import { PdService, pdIdFor } from '../org/pagerdutyOrg';

/** A PagerDuty incident opened through the Events API v2. */
export interface PdIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  policyId: string;
  teamId: string;
  dedupKey: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  severity: string;
  createdAt: number;
  updatedAt: number;
  resolvedAt?: number;
  /** Events de-duplicated into this incident (the first trigger included). */
  alerts: number;
}

export type EventAction = 'trigger' | 'acknowledge' | 'resolve';

/**
 * Incidents the Events API opened, de-duplicated by (service, `dedup_key`) the way PagerDuty
 * does: a trigger whose key matches an open incident is added to it instead of opening another;
 * acknowledge/resolve act on the open incident with the key and are dropped when there is none.
 */
export class PdIncidentStore {
  readonly #incidents: PdIncident[] = [];

  constructor(private readonly seed: number) {}

  list(): PdIncident[] {
    return [...this.#incidents];
  }

  apply(
    service: PdService,
    event: {
      action: EventAction;
      dedupKey?: string;
      summary?: string;
      severity?: string;
    },
    now: number,
  ): string {
    const dedupKey = event.dedupKey ?? randomUUID().replace(/-/g, '');
    const open = this.#incidents.find(
      i =>
        i.serviceId === service.id &&
        i.dedupKey === dedupKey &&
        i.status !== 'resolved',
    );
    if (event.action === 'trigger') {
      if (open) {
        open.alerts += 1;
        open.updatedAt = now;
        return dedupKey;
      }
      const number = this.#incidents.length + 1;
      this.#incidents.push({
        id: pdIdFor(this.seed, 'incident', String(number)),
        number,
        title: event.summary ?? '',
        serviceId: service.id,
        policyId: service.policyId,
        teamId: service.teamId,
        dedupKey,
        status: 'triggered',
        severity: event.severity ?? 'error',
        createdAt: now,
        updatedAt: now,
        alerts: 1,
      });
      return dedupKey;
    }
    if (open) {
      open.status = event.action === 'resolve' ? 'resolved' : 'acknowledged';
      open.updatedAt = now;
      if (event.action === 'resolve') open.resolvedAt = now;
    }
    return dedupKey;
  }
}
