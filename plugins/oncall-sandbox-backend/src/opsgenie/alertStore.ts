import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DemoAlertPriority } from '../org/types';

/** A responder of an alert as it was requested. @public */
export interface SandboxAlertResponder {
  type: 'team' | 'user' | 'escalation' | 'schedule';
  id?: string;
  name?: string;
  username?: string;
}

/** An alert created through `POST /v2/alerts`. @public */
export interface SandboxAlert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  description?: string;
  priority: DemoAlertPriority;
  tags: string[];
  source: string;
  responders: SandboxAlertResponder[];
  details: Record<string, string>;
  createdAt: number;
  /** When the alert last occurred: its creation, or the last create folded into it. */
  lastOccurredAt: number;
  /** Creates folded into this alert by its alias (1 for a new alert). */
  count: number;
  requestId: string;
}

/**
 * The Create Alert `message` of Opsgenie and JSM Operations: trimmed, 1 to 130 characters;
 * `label` as the vendor capitalises the field in its error messages.
 */
export const alertMessageSchema = (label: 'Message' | 'message') =>
  z
    .string()
    .trim()
    .min(1, `${label} can not be empty`)
    .max(130, `${label} can not be longer than 130 characters`);

/** Who may see the alert, the actions offered on it and its tags, read alike by both. */
export const alertAudienceFields = {
  visibleTo: z.array(z.unknown()).optional(),
  actions: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
};

/** Where a Create Alert body says the alert comes from, and its priority, read alike by both. */
export const alertOriginFields = {
  entity: z.string().optional(),
  source: z.string().optional(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).optional(),
};

/** The fields of a create-alert body (Opsgenie's and JSM's) the store keeps. */
export interface CreateAlertBody {
  message: string;
  alias?: string;
  description?: string;
  priority?: DemoAlertPriority;
  tags?: string[];
  source?: string;
  responders?: SandboxAlertResponder[];
}

/**
 * The store's input for a create-alert request, with the APIs' defaults: P3, no tags or
 * responders, and the caller's address as the source. `details` are Opsgenie's `details` or
 * JSM's `extraProperties`.
 */
export function newAlertOf(
  body: CreateAlertBody,
  details: Record<string, string> | undefined,
  callerIp: string | undefined,
  createdAt: number,
): Parameters<AlertStore['create']>[0] {
  return {
    message: body.message,
    alias: body.alias,
    description: body.description,
    priority: body.priority ?? 'P3',
    tags: body.tags ?? [],
    source: body.source ?? callerIp ?? '',
    responders: body.responders ?? [],
    details: details ?? {},
    createdAt,
  };
}

interface AlertRequest {
  alert: SandboxAlert;
  receivedAt: number;
  polls: number;
}

/** How long (wall clock) a new request reads as not yet processed on its first poll. */
export const ALERT_PROCESSING_MS = 1000;

/** Alerts created in this sandbox, and their asynchronous request status. @public */
export class AlertStore {
  private readonly alerts: SandboxAlert[] = [];
  private readonly requests = new Map<string, AlertRequest>();

  /**
   * Accepts a create request and answers its request id. As Opsgenie de-duplicates by alias,
   * a create with the alias of an open alert (every sandbox alert stays open) creates no
   * alert: the open one counts one more occurrence, and the request resolves to it.
   */
  create(
    input: Omit<
      SandboxAlert,
      'id' | 'tinyId' | 'requestId' | 'alias' | 'count' | 'lastOccurredAt'
    > & {
      alias?: string;
    },
  ): { requestId: string; alert: SandboxAlert } {
    const requestId = randomUUID();
    const existing =
      input.alias === undefined
        ? undefined
        : this.alerts.find(a => a.alias === input.alias);
    let alert: SandboxAlert;
    if (existing) {
      existing.count += 1;
      existing.lastOccurredAt = input.createdAt;
      alert = existing;
    } else {
      const id = randomUUID();
      alert = {
        ...input,
        id,
        alias: input.alias ?? id,
        tinyId: String(this.alerts.length + 1),
        count: 1,
        lastOccurredAt: input.createdAt,
        requestId,
      };
      this.alerts.unshift(alert);
    }
    this.requests.set(requestId, {
      alert,
      receivedAt: Date.now(),
      polls: 0,
    });
    return { requestId, alert };
  }

  /**
   * Looks a request up. The first poll shortly after creation reads as not yet processed
   * (`pending`), as Opsgenie's asynchronous API does.
   */
  poll(
    requestId: string,
  ):
    | { state: 'unknown' }
    | { state: 'pending' }
    | { state: 'done'; alert: SandboxAlert; processedAt: number } {
    const request = this.requests.get(requestId);
    if (!request) {
      return { state: 'unknown' };
    }
    request.polls += 1;
    if (
      request.polls === 1 &&
      Date.now() - request.receivedAt < ALERT_PROCESSING_MS
    ) {
      return { state: 'pending' };
    }
    return {
      state: 'done',
      alert: request.alert,
      processedAt: request.receivedAt + 120,
    };
  }

  list(): SandboxAlert[] {
    return [...this.alerts];
  }
}
