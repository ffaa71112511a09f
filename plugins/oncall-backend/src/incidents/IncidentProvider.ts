import {
  Incident,
  IncidentRetrospective,
} from '@oncall-for-backstage/plugin-oncall-common';
import { Vendor } from '../lib/Vendor';

/** An incident as a provider delivers it: the DTO plus what the store needs. */
export interface ProviderIncident extends Incident {
  /** When the vendor last changed the incident (ISO 8601); drives incremental sync. */
  updatedAt: string;
  /** Services the incident was filed against (matched to `blameless.com/service`). */
  services: string[];
}

/**
 * What looking up one incident's retrospective found: `found: false` when the vendor has none
 * (the state the list implies stands); `retrospective` is absent when the vendor reports a state
 * that has no mapping.
 */
export type RetrospectiveLookupResult =
  | { found: true; retrospective?: Omit<IncidentRetrospective, 'pending'> }
  | { found: false };

/** A record the provider could not read; the sync logs it and carries on. */
export interface RejectedIncident {
  id?: string;
  reason: string;
}

/** One page of changed incidents, in ascending order of change. */
export interface IncidentChangesPage {
  items: ProviderIncident[];
  rejected: RejectedIncident[];
  /**
   * Set when every change up to this instant has now been delivered: after committing the
   * page a sync may store it as its watermark and resume from it.
   */
  watermark?: Date;
}

/**
 * Incidents and their retrospectives from an incident-management vendor. Implementations are
 * the only code that knows the vendor's wire format.
 */
export interface IncidentProvider {
  readonly source: Vendor;
  /**
   * Incidents changed at or after `since`, oldest change first, a page at a time. Pages carry
   * a watermark whenever resuming from it cannot miss a change. A provider may leave the
   * retrospective of an incident where it matters little (old and resolved) unlooked-up: it
   * delivers the state the list implies, marked `pending`, and
   * {@link IncidentProvider.getRetrospective} completes it later.
   */
  changesSince(
    since: Date,
    options?: { pageSize?: number },
  ): AsyncGenerator<IncidentChangesPage>;
  /** One incident, or undefined when the vendor does not know it. */
  getIncident(id: string): Promise<ProviderIncident | undefined>;
  /** Looks up one incident's retrospective. */
  getRetrospective(id: string): Promise<RetrospectiveLookupResult>;
}
