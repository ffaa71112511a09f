import { Incident } from '@internal/plugin-oncall-common';
import { Vendor } from '../lib/VendorError';

/** An incident as a provider delivers it: the DTO plus what the store needs. */
export interface ProviderIncident extends Incident {
  /** When the vendor last changed the incident (ISO 8601); drives incremental sync. */
  updatedAt: string;
  /** Services the incident was filed against (matched to `blameless.com/service`). */
  services: string[];
}

/** A record the provider could not read; the sync logs it and carries on. */
export interface RejectedIncident {
  id?: string;
  reason: string;
}

/** One page of incidents changed since a point in time. */
export interface IncidentListPage {
  items: ProviderIncident[];
  rejected: RejectedIncident[];
  /** Records the page held before any were rejected or filtered out. */
  received: number;
  /** Whether another page follows. */
  hasMore: boolean;
  /**
   * True when the page is in ascending `updatedAt` order and every earlier page was too, so a
   * sync may advance its watermark after committing it.
   */
  ascending: boolean;
}

/**
 * Incidents and their retrospectives from an incident-management vendor. Implementations are
 * the only code that knows the vendor's wire format.
 */
export interface IncidentProvider {
  readonly source: Vendor;
  /** Incidents updated at or after `updatedSince`, paged by `offset`/`limit`. */
  listIncidents(options: {
    updatedSince: Date;
    offset: number;
    limit: number;
  }): Promise<IncidentListPage>;
  /** One incident, or undefined when the vendor does not know it. */
  getIncident(id: string): Promise<ProviderIncident | undefined>;
}
