import {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { Knex } from 'knex';
import { CalendarService, ShiftReader } from './CalendarService';
import { DatabaseCalendarTokenStore } from './DatabaseCalendarTokenStore';
import { createCalendarRouter } from './router';

/**
 * Builds the calendar feed feature: `POST`/`DELETE /me/calendar-token` and
 * `GET /me/calendar.ics?token=…` (the plugin allows that route unauthenticated).
 */
export function createCalendar(options: {
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  discovery: DiscoveryService;
  shifts?: ShiftReader;
}): express.Router {
  return createCalendarRouter({
    service: CalendarService.create({
      store: DatabaseCalendarTokenStore.create({ knex: options.knex }),
      catalog: options.catalog,
      auth: options.auth,
      shifts: options.shifts,
      feedBaseUrl: () => options.discovery.getExternalBaseUrl('oncall'),
    }),
    httpAuth: options.httpAuth,
    userInfo: options.userInfo,
  });
}
