import { LoggerService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { CalendarService, hashToken } from './CalendarService';
import { CalendarTokenStore } from './CalendarTokenStore';
import { createCalendarRouter } from './router';

/** Backstage's own request logging (as the root HTTP router mounts it) never sees the secret. */
describe('calendar feed request log', () => {
  const TOKEN = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA';

  function setup() {
    const lines: string[] = [];
    const logger: LoggerService = {
      info: (message: string, meta?: unknown) => {
        lines.push(`${message} ${JSON.stringify(meta)}`);
      },
      warn: () => {},
      error: () => {},
      debug: () => {},
      child: () => logger,
    };
    const store: CalendarTokenStore = {
      replace: async () => {},
      revoke: async () => true,
      findByHash: async hash =>
        hash === hashToken(TOKEN)
          ? { userRef: 'user:default/ada', createdAt: new Date(0) }
          : undefined,
    };
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    });
    const app = express();
    app.use(middleware.logging());
    app.use(
      '/api/oncall',
      createCalendarRouter({
        service: CalendarService.create({
          store,
          catalog: catalogServiceMock({ entities: [] }),
          auth: mockServices.auth(),
          feedBaseUrl: async () => 'http://localhost/api/oncall',
        }),
        httpAuth: mockServices.httpAuth(),
        userInfo: mockServices.userInfo(),
      }),
    );
    app.use(middleware.error());
    return { app, lines };
  }

  it.each([
    ['a valid token', TOKEN, 200],
    ['a wrong token', `${TOKEN}x`, 404],
  ])('logs the request with %s redacted', async (_name, token, status) => {
    const { app, lines } = setup();
    await request(app)
      .get(`/api/oncall/me/calendar.ics?token=${token}`)
      .expect(status);
    await new Promise(resolve => setImmediate(resolve));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).toContain(
      `GET /api/oncall/me/calendar.ics?token=REDACTED HTTP/1.1" ${status}`,
    );
  });
});
