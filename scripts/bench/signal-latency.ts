/*
 * bench:signal-latency — how long after the incident vendor learns of a change a subscribed
 * browser is told: a SEV1 opened (then resolved) through the sandbox's control API, timed to
 * the signal on `oncall:incidents:component:default/payments-api`, received over the signals
 * WebSocket exactly as the portal's frontend receives it (guest token as the subprotocol).
 * The figure is dominated by the open-incident sync cadence (`oncall.refresh.openIncidents`,
 * BENCH_CADENCE_S); the rest is the sync run, the catalog read, the event bus and the socket.
 * Then every member of the owning Group signs in and reads their notifications: each SEV1
 * must have reached each of them exactly once (notifications per event).
 *
 *   yarn bench:signal-latency   (BENCH_ROUNDS=20 BENCH_CADENCE_S=2)
 */
import {
  createRun,
  guestToken,
  percentile,
  startBackend,
  sumLogged,
  waitForCatalog,
} from '../harness';
import { benchNumbers, printTable, r1, runBench } from './lib';
import { countNotificationsPerEvent } from './notificationsPerEvent';

const { ROUNDS, CADENCE_S } = benchNumbers({ ROUNDS: 20, CADENCE_S: 2 });
const ENTITY = 'component:default/payments-api';
/** The owner of payments-api in examples/entities.yaml. */
const OWNER_GROUP = 'payments';
const CHANNEL = `oncall:incidents:${ENTITY}`;
const SIGNAL_TIMEOUT_MS = 30_000;

interface Signal {
  openIncidents: number;
}

/** The signals socket, subscribed to one channel; resolves each wait with the next message. */
async function subscribe(baseUrl: string, token: string) {
  const url = new URL(`${baseUrl}/api/signals`);
  url.protocol = 'ws:';
  const socket = new WebSocket(url.toString(), token);
  const waiting: Array<(signal: Signal) => void> = [];
  socket.addEventListener('message', event => {
    const data = JSON.parse(String(event.data));
    if (data.channel === CHANNEL) {
      waiting.shift()?.(data.message as Signal);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () =>
      reject(new Error('signals socket failed')),
    );
  });
  socket.send(JSON.stringify({ action: 'subscribe', channel: CHANNEL }));
  return {
    /** The next signal that satisfies `test`. */
    next(test: (signal: Signal) => boolean): Promise<Signal> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no signal within ${SIGNAL_TIMEOUT_MS} ms`)),
          SIGNAL_TIMEOUT_MS,
        );
        const listen = (signal: Signal) => {
          if (test(signal)) {
            clearTimeout(timer);
            resolve(signal);
          } else {
            waiting.push(listen);
          }
        };
        waiting.push(listen);
      });
    },
    close: () => socket.close(),
  };
}

runBench('signal-latency', async cleanup => {
  const run = createRun('signal-latency');
  const backend = await startBackend(run, {
    name: 'signal-latency',
    // the portal plus a sign-in for any catalog user, to read each owner's notifications
    entry: 'harness',
    config: {
      oncall: {
        refresh: {
          openIncidents: {
            frequency: { seconds: CADENCE_S },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 1 },
          },
        },
      },
    },
  });
  cleanup.push(() => backend.stop());
  await waitForCatalog(backend, { min: 10 });
  const guest = await guestToken(backend.url);
  const signals = await subscribe(backend.url, guest);
  cleanup.push(async () => signals.close());

  const titles: string[] = [];
  const opened: number[] = [];
  const resolved: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let started = Date.now();
    // the demo service may have open incidents of its own: each change is one more, then one less
    const seen = signals.next(() => true);
    titles.push(`Signal latency round ${round + 1}`);
    const id = await backend.sandbox.openIncident({
      title: titles[round],
      severity: 'SEV1',
      services: ['payments-api'],
    });
    const afterOpen = (await seen).openIncidents;
    opened.push(Date.now() - started);

    started = Date.now();
    const gone = signals.next(() => true);
    await backend.sandbox.updateIncident(id, { status: 'resolved' });
    const afterResolve = (await gone).openIncidents;
    resolved.push(Date.now() - started);
    if (afterResolve !== afterOpen - 1) {
      throw new Error(
        `round ${
          round + 1
        }: ${afterOpen} open after opening, ${afterResolve} after resolving`,
      );
    }
  }

  const row = (name: string, values: number[]) => [
    name,
    values.length,
    r1(percentile(values, 50)),
    r1(percentile(values, 99)),
    r1(Math.max(...values)),
  ];
  printTable(
    `Vendor change → browser signal on ${CHANNEL} (open-incident sync every ${CADENCE_S} s)`,
    ['change', 'rounds', 'p50 ms', 'p99 ms', 'max ms'],
    [row('SEV1 opened', opened), row('resolved', resolved)],
  );
  const received = await countNotificationsPerEvent({
    baseUrl: backend.url,
    guestToken: guest,
    group: OWNER_GROUP,
    titles,
  });
  const counts = [...received.perEvent.values()];
  const sends = sumLogged(
    backend.process.lines,
    'Notified owners of opened incidents',
    'incidents',
  );
  printTable(
    `Notifications per SEV1 opened on payments-api (owner group:default/${OWNER_GROUP})`,
    [
      'events',
      'owner members',
      'sends (notifications API calls)',
      'received per event: min / max',
      'missing',
      'duplicated',
    ],
    [
      [
        titles.length,
        received.recipients.length,
        sends,
        `${Math.min(...counts)} / ${Math.max(...counts)}`,
        received.missing,
        received.duplicates,
      ],
    ],
  );
  if (received.missing > 0 || received.duplicates > 0) {
    throw new Error(
      `notifications: ${received.missing} missing, ${received.duplicates} duplicated`,
    );
  }
  process.stdout.write(`logs: ${run.dir}\n`);
});
