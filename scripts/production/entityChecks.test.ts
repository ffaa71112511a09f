/*
 * The production smoke test's checks must fail when the backend and the vendors disagree, and
 * only then: each check runs here against a stand-in backend (a loopback HTTP server answering
 * what a test sets) and a stand-in sandbox (the vendors' answers a test sets).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { SandboxClient, Vendor } from '../harness';
import {
  DEMO_SERVICE,
  checkIncidents,
  checkOnCall,
  checkSlos,
} from './entityChecks';

const TOKEN = 'token-of-the-test';

/** The vendor answers of a test, by vendor and path prefix; each read may change them. */
class FakeSandbox extends SandboxClient {
  onCalls: Record<string, string[]> = {};
  incidents: Array<{ id: number; title: string; daysAgo: number }> = [];
  slos: string[] = [];
  /** Called after every Opsgenie read (e.g. to hand over a shift between two reads). */
  afterOpsgenieRead: () => void = () => {};

  constructor() {
    super('http://127.0.0.1:9');
  }

  override async vendorGet(vendor: Vendor, path: string): Promise<unknown> {
    if (vendor === 'opsgenie') {
      const schedule = decodeURIComponent(
        path.replace(/^\/v2\/schedules\/([^/]+)\/on-calls.*$/, '$1'),
      );
      const recipients = this.onCalls[schedule] ?? [];
      this.afterOpsgenieRead();
      return { data: { onCallRecipients: recipients } };
    }
    if (vendor === 'blameless') {
      return {
        incidents: this.incidents.map(i => ({
          _id: i.id,
          description: i.title,
          created: { $date: Date.now() - i.daysAgo * 86_400_000 },
        })),
      };
    }
    return { data: this.slos.map(name => ({ name })) };
  }
}

/** A stand-in backend: answers each entity route with the body a test sets. */
const answers: Record<string, unknown> = {};
let server: Server;
let baseUrl: string;

function rotation(schedule: string, levels: Record<string, string[]>) {
  return {
    schedule: { name: schedule },
    levels: Object.entries(levels).map(([role, emails]) => ({
      role,
      responders: emails.map(email => ({ name: email, email })),
    })),
  };
}

before(async () => {
  server = createServer((req, res) => {
    const route = (req.url ?? '').replace(/\?.*$/, '').split('/').pop() ?? '';
    const body = answers[route];
    const authorised = req.headers.authorization === `Bearer ${TOKEN}`;
    res.statusCode = !authorised ? 401 : body ? 200 : 404;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>(listening =>
    server.listen(0, '127.0.0.1', listening),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;
});

after(async () => {
  await new Promise(closed => server.close(closed));
});

describe('checkOnCall', () => {
  let sandbox: FakeSandbox;
  beforeEach(() => {
    sandbox = new FakeSandbox();
    sandbox.onCalls = {
      payments_schedule: ['olivia@example.com', 'liam@example.com'],
      sre_ic_schedule: ['tom@example.com'],
    };
    answers['on-call'] = {
      rotations: [
        rotation('payments_schedule', {
          primary: ['olivia@example.com'],
          secondary: ['liam@example.com'],
          team: ['olivia@example.com', 'liam@example.com', 'emma@example.com'],
        }),
      ],
      incidentCommander: rotation('sre_ic_schedule', {
        primary: ['tom@example.com'],
      }),
    };
  });

  test('passes when the backend names exactly who Opsgenie has on call', async () => {
    await checkOnCall(baseUrl, TOKEN, sandbox);
  });

  test('fails when the backend names someone Opsgenie does not have on call', async () => {
    sandbox.onCalls.payments_schedule = [
      'emma@example.com',
      'liam@example.com',
    ];
    await assert.rejects(checkOnCall(baseUrl, TOKEN, sandbox), /on-call/);
  });

  test('fails when the secondary is missing', async () => {
    sandbox.onCalls.payments_schedule.push('noah@example.com');
    await assert.rejects(checkOnCall(baseUrl, TOKEN, sandbox), /on-call/);
  });

  test('fails when the Incident Commander differs', async () => {
    sandbox.onCalls.sre_ic_schedule = ['ada@example.com'];
    await assert.rejects(checkOnCall(baseUrl, TOKEN, sandbox), /on-call/);
  });

  test('fails when nobody is on call on either side', async () => {
    sandbox.onCalls.sre_ic_schedule = [];
    answers['on-call'] = {
      rotations: [
        rotation('payments_schedule', {
          primary: ['olivia@example.com'],
          secondary: ['liam@example.com'],
        }),
      ],
      incidentCommander: rotation('sre_ic_schedule', { primary: [] }),
    };
    await assert.rejects(checkOnCall(baseUrl, TOKEN, sandbox), /on-call/);
  });

  test('passes when a handoff falls between the two reads of Opsgenie', async () => {
    // Opsgenie says Emma before the backend answers and Olivia after: the backend (Olivia)
    // matches the second read
    sandbox.onCalls.payments_schedule = [
      'emma@example.com',
      'liam@example.com',
    ];
    let reads = 0;
    sandbox.afterOpsgenieRead = () => {
      reads += 1;
      if (reads === 2) {
        sandbox.onCalls.payments_schedule = [
          'olivia@example.com',
          'liam@example.com',
        ];
      }
    };
    await checkOnCall(baseUrl, TOKEN, sandbox);
  });

  test('fails without the token', async () => {
    await assert.rejects(checkOnCall(baseUrl, 'wrong', sandbox), /HTTP 401/);
  });
});

describe('checkIncidents', () => {
  let sandbox: FakeSandbox;
  beforeEach(() => {
    sandbox = new FakeSandbox();
    sandbox.incidents = [
      { id: 1127, title: 'Refunds stuck', daysAgo: 1 },
      { id: 1110, title: 'Timeouts', daysAgo: 20 },
      { id: 900, title: 'Older than the window', daysAgo: 400 },
    ];
    answers.incidents = {
      items: [
        { id: '1110', title: 'Timeouts' },
        { id: '1127', title: 'Refunds stuck' },
      ],
    };
  });

  test('passes when the backend lists the vendor’s incidents of the window', async () => {
    assert.equal(await checkIncidents(baseUrl, TOKEN, sandbox), '2 incidents');
  });

  test('fails when an incident is missing', async () => {
    sandbox.incidents.push({ id: 1130, title: 'New', daysAgo: 0 });
    await assert.rejects(checkIncidents(baseUrl, TOKEN, sandbox), /incidents/);
  });

  test('fails when a title differs', async () => {
    sandbox.incidents[0].title = 'Refunds stuck in pending';
    await assert.rejects(checkIncidents(baseUrl, TOKEN, sandbox), /incidents/);
  });

  test('fails when both sides are empty', async () => {
    sandbox.incidents = [];
    answers.incidents = { items: [] };
    await assert.rejects(checkIncidents(baseUrl, TOKEN, sandbox), /incidents/);
  });
});

describe('checkSlos', () => {
  let sandbox: FakeSandbox;
  beforeEach(() => {
    sandbox = new FakeSandbox();
    sandbox.slos = [`${DEMO_SERVICE.name} availability`];
    answers.slos = { items: [{ name: `${DEMO_SERVICE.name} availability` }] };
  });

  test('passes when the backend shows the vendor’s SLOs', async () => {
    await checkSlos(baseUrl, TOKEN, sandbox);
  });

  test('fails when the vendor has an SLO the backend does not show', async () => {
    sandbox.slos.push(`${DEMO_SERVICE.name} latency`);
    await assert.rejects(checkSlos(baseUrl, TOKEN, sandbox), /SLOs/);
  });

  test('fails when the backend answers with something that is not a report', async () => {
    answers.slos = { items: 'none' };
    await assert.rejects(checkSlos(baseUrl, TOKEN, sandbox), /HTTP 200/);
  });
});
