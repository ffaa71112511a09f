import { randomUUID } from 'node:crypto';

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
  priority: string;
  tags: string[];
  source: string;
  responders: SandboxAlertResponder[];
  details: Record<string, string>;
  createdAt: number;
  requestId: string;
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

  create(
    input: Omit<SandboxAlert, 'id' | 'tinyId' | 'requestId' | 'alias'> & {
      alias?: string;
    },
  ): SandboxAlert {
    const id = randomUUID();
    const alert: SandboxAlert = {
      ...input,
      id,
      alias: input.alias ?? id,
      tinyId: String(this.alerts.length + 1),
      requestId: randomUUID(),
    };
    this.alerts.unshift(alert);
    this.requests.set(alert.requestId, {
      alert,
      receivedAt: Date.now(),
      polls: 0,
    });
    return alert;
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
