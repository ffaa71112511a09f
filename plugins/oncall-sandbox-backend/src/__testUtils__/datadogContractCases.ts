import request from 'supertest';
import {
  Case,
  HISTORY_MAPS,
  MONITOR_OPTIONS,
  app,
  dd,
  nowS,
  slo,
} from './contractCalls';

/** Calls the DataDog fake for the history of the last `days` days of the demo SLO named `name`. */
const sloHistory = (name: string, days: number) => () =>
  dd(
    `/api/v1/slo/${slo(name).id}/history?from_ts=${
      nowS - 86400 * days
    }&to_ts=${nowS}`,
  )(app);

/** The wire contract cases for the DataDog fake: a recorded response and the equivalent request. */
export const datadogCases: Case[] = [
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-limit2.json',
    status: 200,
    call: dd('/api/v1/slo?limit=2'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-limit2-offset2.json',
    status: 200,
    call: () => dd(`/api/v1/slo?ids=${slo('checkout-api latency').id}`)(app),
    options: { extraKeysAt: ['data[]', 'data[].thresholds[]'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-ids.json',
    status: 200,
    call: () =>
      dd(
        `/api/v1/slo?ids=${slo('payments-api availability').id},${
          slo('payment-gateway uptime').id
        }`,
      )(app),
    options: { extraKeysAt: ['', 'data[]'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-metric.json',
    status: 200,
    call: () => dd(`/api/v1/slo/${slo('checkout-api availability').id}`)(app),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-monitor.json',
    status: 200,
    call: () => dd(`/api/v1/slo/${slo('checkout-api latency').id}`)(app),
    options: { extraKeysAt: ['data'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-metric.json',
    status: 200,
    call: sloHistory('payments-api availability', 1),
    options: { maps: HISTORY_MAPS, extraKeysAt: ['data.overall'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-monitor.json',
    status: 200,
    call: sloHistory('checkout-api latency', 1),
    options: {
      maps: HISTORY_MAPS,
      extraKeysAt: ['data', 'data.overall', 'data.slo'],
    },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-monitor-groups.json',
    status: 200,
    call: sloHistory('payment-gateway uptime', 30),
    options: {
      maps: HISTORY_MAPS,
      extraKeysAt: ['', 'data', 'data.overall', 'data.thresholds.90d'],
      optional: ['error', 'data.errors', 'data.groups'],
    },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-search.json',
    status: 200,
    call: dd(
      '/api/v1/slo/search?query=service%3Acheckout-api&page%5Bsize%5D=20&page%5Bnumber%5D=0',
    ),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-page0.json',
    status: 200,
    call: dd('/api/v1/monitor?page_size=2&page=0'),
    options: MONITOR_OPTIONS,
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-id-offset.json',
    status: 200,
    call: (a, o) =>
      dd(`/api/v1/monitor?id_offset=${o.monitors[0].id}&page_size=1`)(a),
    options: MONITOR_OPTIONS,
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-id.json',
    status: 200,
    call: (a, o) =>
      dd(`/api/v1/monitor/${o.monitors[0].id}?with_downtimes=true`)(a),
    options: { loose: ['options'], maps: ['options.thresholds'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-403.json',
    status: 403,
    call: a =>
      request(a)
        .get('/datadog/api/v1/slo/id')
        .set('DD-API-KEY', 'wrong')
        .set('DD-APPLICATION-KEY', 'wrong'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-403.json',
    status: 403,
    call: a => request(a).get('/datadog/api/v1/monitor'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-404.json',
    status: 404,
    call: dd('/api/v1/slo/id'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-400.json',
    status: 400,
    call: dd('/api/v1/slo?ids=id1%2Cid1'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-404.json',
    status: 404,
    call: dd('/api/v1/slo?ids=id1%2Cid2'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-400.json',
    status: 400,
    call: () =>
      dd(
        `/api/v1/slo/${
          slo('checkout-api availability').id
        }/history?from_ts=123&to_ts=12`,
      )(app),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-404.json',
    status: 404,
    call: dd('/api/v1/slo/id/history?from_ts=123&to_ts=12'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-400.json',
    status: 400,
    call: dd('/api/v1/monitor?group_states=notagroupstate'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-id-404.json',
    status: 404,
    call: dd('/api/v1/monitor/1234?group_states=notagroupstate'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-validate-403.json',
    status: 403,
    call: a => request(a).get('/datadog/api/v1/validate'),
  },
];
