import { parseAlertQuery } from './alertQuery';

const all = { min: -Infinity, max: Infinity };

describe('parseAlertQuery', () => {
  it('reads the team and createdAt window a sync asks for', () => {
    expect(
      parseAlertQuery(
        'teams:"payments-team" AND createdAt>1700000000000 AND createdAt<1700086400000',
      ),
    ).toEqual({
      ok: true,
      query: {
        teams: ['payments-team'],
        createdAt: { min: 1700000000001, max: 1700086399999 },
        updatedAt: all,
        tags: [],
        message: [],
      },
    });
  });

  it('takes inclusive bounds, exact times, spaces around operators and terms joined by spaces', () => {
    const parsed = parseAlertQuery(
      'createdAt >= 10 createdAt<=20 updatedAt:15 status:open acknowledged:false',
    );
    expect(parsed).toMatchObject({
      ok: true,
      query: {
        createdAt: { min: 10, max: 20 },
        updatedAt: { min: 15, max: 15 },
        status: 'open',
        acknowledged: false,
      },
    });
  });

  it('reads status, priority, alias, tinyId, tags and message words', () => {
    expect(
      parseAlertQuery(
        'status:closed AND priority:p1 AND alias:payments-api-error-rate AND tinyId:205160002001 AND tag:"service:payments-api" AND message:Latency',
      ),
    ).toMatchObject({
      ok: true,
      query: {
        status: 'closed',
        priority: 'P1',
        alias: 'payments-api-error-rate',
        tinyId: '205160002001',
        tags: ['service:payments-api'],
        message: ['latency'],
      },
    });
    expect(parseAlertQuery('')).toMatchObject({ ok: true });
  });

  it.each([
    ['createdAt>yesterday', /createdAt needs a time in epoch milliseconds/],
    ['createdAt>2026-11-29T00:00:00Z', /createdAt needs a time in epoch/],
    ['status:resolved', /status is open or closed/],
    ['acknowledged:yes', /acknowledged is true or false/],
    ['priority:P9', /priority is one of P1/],
    ['teams>payments', /teams is compared with ":"/],
    ['team:payments', /unknown field "team"/],
    ['teams:a OR teams:b', /OR is not supported/],
    ['NOT status:open', /NOT is not supported/],
    ['(status:open)', /parentheses/],
    ['teams:"payments', /not closed/],
    ['payments', /needs a field and a value/],
    ['status:', /needs a value/],
    ['AND status:open', /AND needs a term/],
    ['status:open AND', /ends with AND/],
    ['tag:service:checkout', /expected a field name/],
  ])('rejects %s, saying why', (text, reason) => {
    const parsed = parseAlertQuery(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });
});
