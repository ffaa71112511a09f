import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { oncallApiRef } from '../../api';
import { mockOnCallApi, myOnCall, stale } from '../../__testUtils__/fixtures';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import * as states from '../../__testUtils__/states';
import { expectShownCut, longValue } from '../../__testUtils__/longText';
import { MyOnCallCard } from './MyOnCallCard';

jest.setTimeout(30_000);

function render(api: ReturnType<typeof mockOnCallApi>) {
  return renderInTestApp(<MyOnCallCard />, { apis: [[oncallApiRef, api]] });
}

describe('MyOnCallCard', () => {
  it('shows a progress indicator while loading', async () => {
    await render(mockOnCallApi({ getMyOnCall: states.neverAnswers() }));
    await states.expectLoading('Loading your on-call');
  });

  it('says when I am on call now and lists my next shifts', async () => {
    await render(mockOnCallApi());
    await states.expectShown('You are on call now');
    expect(screen.getByText('Secondary for data-platform')).toBeInTheDocument();
    expect(
      screen.getByText(/data-platform_schedule · until/),
    ).toBeInTheDocument();
    expect(screen.getByText('Primary · data-platform')).toBeInTheDocument();
  });

  it('lists only shifts still to come under my next shifts', async () => {
    const mine = myOnCall();
    const current = {
      ...mine.upcoming[0],
      role: 'secondary' as const,
      start: new Date(Date.now() - 3_600_000).toISOString(),
    };
    await render(
      mockOnCallApi({
        getMyOnCall: jest.fn(async () => ({
          ...mine,
          upcoming: [current, ...mine.upcoming],
        })),
      }),
    );
    await states.expectShown('Primary · data-platform');
    expect(
      screen.queryByText('Secondary · data-platform'),
    ).not.toBeInTheDocument();
  });

  it('says when I am not on call and have no shifts', async () => {
    await render(
      mockOnCallApi({
        getMyOnCall: jest.fn(async () =>
          myOnCall({ onCallNow: [], upcoming: [] }),
        ),
      }),
    );
    await states.expectShown('You are not on call right now.');
    expect(
      screen.getByText('No shifts in the next 14 days.'),
    ).toBeInTheDocument();
  });

  it('explains a profile without email', async () => {
    await render(
      mockOnCallApi({
        getMyOnCall: jest.fn(async () =>
          myOnCall({ email: undefined, onCallNow: [] }),
        ),
      }),
    );
    await states.expectShown(/Your profile has no email address/);
  });

  it('asks to sign in when the backend says the user is not signed in', async () => {
    const unauthorized = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'AuthenticationError',
            message: 'Missing credentials',
          },
          response: { statusCode: 401 },
        }),
        {
          status: 401,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    await render(
      mockOnCallApi({
        getMyOnCall: jest.fn(async () => Promise.reject(unauthorized)),
      }),
    );
    await states.expectShown('Sign in to see your on-call shifts.');
  });

  it('warns about stale data', async () => {
    await render(
      mockOnCallApi({
        getMyOnCall: jest.fn(async () => myOnCall({ freshness: stale() })),
      }),
    );
    await states.expectShown(/Opsgenie is failing/);
  });

  it('shows an error with retry', async () => {
    const getMyOnCall = states.failsOnceThen('Backend down', myOnCall());
    await render(mockOnCallApi({ getMyOnCall }));
    await states.expectRetryRecovers(/Backend down/, () =>
      screen.findByText('You are on call now'),
    );
  });

  it.each(HOSTILE_URL_KINDS)(
    'keeps the card and its shifts when the schedule address is %j',
    async url => {
      const mine = myOnCall();
      mine.onCallNow[0].schedule.url = url;
      mine.upcoming[0].schedule.url = url;
      await render(mockOnCallApi({ getMyOnCall: jest.fn(async () => mine) }));
      await states.expectShown('Secondary for data-platform');
      expect(screen.getByText('Primary · data-platform')).toBeInTheDocument();
      expect(linksTo(url)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
    },
  );

  it('shows a 100 kB team and schedule name cut', async () => {
    const team = longValue('team-');
    const schedule = longValue('schedule-');
    const mine = myOnCall();
    mine.onCallNow[0].team = team;
    mine.onCallNow[0].schedule.name = schedule;
    mine.upcoming[0].team = team;
    await render(mockOnCallApi({ getMyOnCall: jest.fn(async () => mine) }));
    await states.expectShown('You are on call now');
    expectShownCut(team, 'team-');
    expectShownCut(schedule, 'schedule-');
  });

  it('sums up my last shift: pages, night pages and the median acknowledgement', async () => {
    await render(mockOnCallApi());
    expect(await screen.findByLabelText('Your last shift')).toHaveTextContent(
      'Your last shift (payments_schedule): 7 pages, 2 at night, median ack 4 min.',
    );
  });

  it('leaves the last shift out when it cannot be read', async () => {
    await render(
      mockOnCallApi({
        getMyLastShift: jest.fn(async () => {
          throw new Error('unavailable');
        }),
      }),
    );
    await states.expectShown('You are on call now');
    expect(screen.queryByLabelText('Your last shift')).not.toBeInTheDocument();
  });
});
