import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  CalendarSubscription,
  CoverageReport,
  IncidentPage,
  IncidentStatus,
  MyLastShift,
  MyOnCall,
  OnCallHealth,
  OnCallSummary,
  PageRequest,
  PageResponse,
  Severity,
  SloReport,
} from '@oncall-for-backstage/plugin-oncall-common';

/** The parts of an entity ref the plugin's API addresses. @public */
export interface OnCallEntityRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** Filters for an incident query. @public */
export interface IncidentQuery {
  /** Start of the window (ISO 8601). */
  from?: string;
  /** End of the window (ISO 8601). */
  to?: string;
  severity?: Severity[];
  /** One status, or several (any of them). */
  status?: IncidentStatus | IncidentStatus[];
  limit?: number;
  cursor?: string;
}

/** Client for the on-call backend (`/api/oncall`). @public */
export interface OnCallApi {
  getOnCall(entity: OnCallEntityRef): Promise<OnCallSummary>;
  getIncidents(
    entity: OnCallEntityRef,
    query?: IncidentQuery,
  ): Promise<IncidentPage>;
  getSlos(entity: OnCallEntityRef): Promise<SloReport>;
  /** The on-call health of a Group or Component over the last `weeks` weeks (default 12). */
  getHealth(entity: OnCallEntityRef, weeks?: number): Promise<OnCallHealth>;
  pageOnCall(
    entity: OnCallEntityRef,
    request: PageRequest,
  ): Promise<PageResponse>;
  getMyOnCall(): Promise<MyOnCall>;
  /** A new calendar feed URL of the signed-in user's shifts; voids the previous one. */
  createCalendarSubscription(): Promise<CalendarSubscription>;
  /** Voids the signed-in user's calendar feed URL. */
  revokeCalendarSubscription(): Promise<void>;
  /** The signed-in user's latest shift and its pages. */
  getMyLastShift(): Promise<MyLastShift>;
  getCoverage(): Promise<CoverageReport>;
}

/** API reference for {@link OnCallApi}. @public */
export const oncallApiRef = createApiRef<OnCallApi>().with({
  id: 'plugin.oncall.client',
  pluginId: 'oncall',
});
