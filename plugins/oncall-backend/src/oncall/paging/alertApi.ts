import { z } from 'zod';
import { VendorHttpClient, encodePath } from '../../lib/VendorHttpClient';
import { AlertRequest, RequestStatus } from '../OnCallProvider';

/**
 * The Alert API that Opsgenie (`/v2`) and its successor JSM Operations (`/v1`) share: the
 * same create body and the same asynchronous request status.
 */
export type AlertApiVersion = 'v1' | 'v2';

/**
 * The body of `POST /{version}/alerts` for `alert`, paging the team `responder` names (by id
 * or by name); each vendor adds its own fields for who raised it.
 */
export function alertBody(
  alert: AlertRequest,
  responder: { id: string } | { name: string },
) {
  return {
    message: alert.message,
    // the de-duplication key: a retried create folds into the open alert
    alias: alert.dedupKey,
    description: alert.description,
    priority: alert.priority,
    responders: [{ type: 'team', ...responder }],
    entity: alert.entity,
    source: alert.source,
    tags: alert.tags,
  };
}

/**
 * One vendor's Alert API on its paging client: `POST /{version}/alerts` (alert creation is
 * asynchronous; the answer, read with the vendor's `createSchema`, is the request id to
 * follow) and `GET /{version}/alerts/requests/{requestId}`.
 */
export class AlertApi {
  constructor(
    private readonly http: VendorHttpClient,
    private readonly version: AlertApiVersion,
    private readonly createSchema: z.ZodType<
      { requestId: string },
      z.ZodTypeDef,
      unknown
    >,
  ) {}

  async post(body: object): Promise<{ requestId: string }> {
    const answer = await this.http.request({
      method: 'POST',
      path: encodePath(this.version, 'alerts'),
      body,
      schema: this.createSchema,
    });
    return { requestId: answer.requestId };
  }

  /** The request's status, unparsed: a 404 is an answer too (not processed yet, or unknown). */
  requestStatus(requestId: string) {
    return this.http.requestWithResponse({
      path: encodePath(this.version, 'alerts', 'requests', requestId),
      schema: z.unknown(),
      acceptStatus: [404],
    });
  }
}

/** A processed request's status from its body: whether it succeeded, its status text, the alert. */
export function processedRequest(
  success: boolean | null | undefined,
  data: { status?: string | null; alertId?: string | null },
): RequestStatus {
  return {
    state: 'processed',
    success: success ?? false,
    status: data.status ?? '',
    alertId: data.alertId || undefined,
  };
}
