import { RunningSandbox } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { demoEntities } from '../__testUtils__/demoEntities';
import {
  OncallTestBackend,
  startOncallTestBackend,
} from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(60_000);

const PAGES = '/api/oncall/entities/component/default/payments-api/pages';
/** Text that must never come back from the server. */
const MARKER = 'reflected-marker-7f3a9c';

describe('POST pages: what a bad body gets back', () => {
  let sandbox: RunningSandbox;
  let server: OncallTestBackend['server'];

  beforeAll(async () => {
    ({ sandbox, server } = await startOncallTestBackend({
      vendors: ['opsgenie'],
      entities: demoEntities,
    }));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it.each([
    `{"message": "${MARKER}`,
    `{"message": ${MARKER}}`,
    `${MARKER}`,
    `{"message": "ok",} ${MARKER}`,
  ])(
    'malformed JSON is a 400 "body: not valid JSON" that does not echo the body (%s)',
    async raw => {
      const res = await request(server)
        .post(PAGES)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: 'body: not valid JSON',
      });
      expect(res.text).not.toContain(MARKER);
      expect(JSON.stringify(res.headers)).not.toContain(MARKER);
      expect(sandbox.state.alerts.list()).toEqual([]);
    },
  );

  it('an unknown key is named without echoing a long key in full', async () => {
    const key = `x${MARKER}${'k'.repeat(5000)}`;
    const res = await request(server)
      .post(PAGES)
      .send({ message: 'ok', [key]: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`x${MARKER}`);
    expect(res.text.length).toBeLessThan(1500);
  });
});
