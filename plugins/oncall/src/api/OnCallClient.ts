import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  entityRoutePath,
  PageRequest,
} from '@oncall-for-backstage/plugin-oncall-common';
import { IncidentQuery, OnCallApi, OnCallEntityRef } from './OnCallApi';

/**
 * Default {@link OnCallApi} implementation over discovery + fetch; each method answers what the
 * API declares. @public
 */
export class OnCallClient implements OnCallApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getOnCall(entity: OnCallEntityRef): ReturnType<OnCallApi['getOnCall']> {
    return this.request(`/entities/${entityRoutePath(entity)}/on-call`);
  }

  getIncidents(
    entity: OnCallEntityRef,
    query: IncidentQuery = {},
  ): ReturnType<OnCallApi['getIncidents']> {
    const params = new URLSearchParams();
    if (query.from) params.set('from', query.from);
    if (query.to) params.set('to', query.to);
    for (const severity of query.severity ?? []) {
      params.append('severity', severity);
    }
    for (const status of [query.status ?? []].flat()) {
      params.append('status', status);
    }
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.request(
      `/entities/${entityRoutePath(entity)}/incidents${
        search ? `?${search}` : ''
      }`,
    );
  }

  getSlos(entity: OnCallEntityRef): ReturnType<OnCallApi['getSlos']> {
    return this.request(`/entities/${entityRoutePath(entity)}/slos`);
  }

  getHealth(
    entity: OnCallEntityRef,
    weeks?: number,
  ): ReturnType<OnCallApi['getHealth']> {
    const search =
      weeks === undefined ? '' : `?weeks=${encodeURIComponent(weeks)}`;
    return this.request(`/entities/${entityRoutePath(entity)}/health${search}`);
  }

  pageOnCall(
    entity: OnCallEntityRef,
    request: PageRequest,
  ): ReturnType<OnCallApi['pageOnCall']> {
    return this.request(`/entities/${entityRoutePath(entity)}/pages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  getMyOnCall(): ReturnType<OnCallApi['getMyOnCall']> {
    return this.request('/me/on-call');
  }

  /** `POST /me/calendar-token`: a new calendar feed URL (voids the previous one). */
  createCalendarSubscription(): ReturnType<
    OnCallApi['createCalendarSubscription']
  > {
    return this.request('/me/calendar-token', { method: 'POST' });
  }

  /** `DELETE /me/calendar-token`: voids the calendar feed URL. */
  async revokeCalendarSubscription(): Promise<void> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('oncall');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/me/calendar-token`,
      {
        method: 'DELETE',
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  getMyLastShift(): ReturnType<OnCallApi['getMyLastShift']> {
    return this.request('/me/last-shift');
  }

  getCoverage(): ReturnType<OnCallApi['getCoverage']> {
    return this.request('/coverage');
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('oncall');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
