import { screen } from '@testing-library/react';
import {
  groupEntity,
  mockOnCallApi,
  onCallSummary,
  onCallSummaryWithLongNames,
  stale,
  unmappedOnCallSummary,
  unmappedOnCallSummaryWithLongHint,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import * as states from '../../__testUtils__/states';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import { expectShownCut } from '../../__testUtils__/longText';
import { TeamOnCallCard } from './TeamOnCallCard';

jest.setTimeout(30_000);

describe('TeamOnCallCard', () => {
  it('shows a progress indicator while loading', async () => {
    const api = mockOnCallApi({ getOnCall: states.neverAnswers() });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    await states.expectLoading('Loading on-call');
  });

  it('shows who is on call now, the compact chain and the next handoff for the group', async () => {
    const api = mockOnCallApi();
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect(await screen.findByText('On-call now')).toBeInTheDocument();
    expect(await screen.findByText('payments_schedule')).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByText('Secondary after 10 min')).toBeInTheDocument();
    expect(screen.getByText('3 people')).toBeInTheDocument();
    expect(screen.getByText(/^Next handoff:/)).toBeInTheDocument();
    expect(api.getOnCall).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'payments',
    });
  });

  it('shows the annotation to add for an unmapped group', async () => {
    const api = mockOnCallApi({
      getOnCall: jest.fn(async () =>
        unmappedOnCallSummary({
          reason: 'growth has no Opsgenie team.',
          annotation: { key: 'opsgenie.com/team', value: 'growth' },
        }),
      ),
    });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect(
      await screen.findByText('growth has no Opsgenie team.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/opsgenie.com\/team: growth/)).toBeInTheDocument();
  });

  it('warns about stale data', async () => {
    const api = mockOnCallApi({
      getOnCall: jest.fn(async () => onCallSummary({ freshness: stale() })),
    });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect(
      await screen.findByText(/Opsgenie is failing: HTTP 503 from Opsgenie/),
    ).toBeInTheDocument();
  });

  it('shows an error with retry', async () => {
    const getOnCall = states.failsOnceThen('Backend down', onCallSummary());
    const api = mockOnCallApi({ getOnCall });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    await states.expectRetryRecovers(/Backend down/, () =>
      screen.findByText('payments_schedule'),
    );
  });

  it.each(HOSTILE_URL_KINDS)(
    'keeps the card and its data when the schedule address and an email are %j',
    async url => {
      const summary = onCallSummary();
      summary.rotations[0].schedule.url = url;
      summary.rotations[0].levels[0].responders[0].email = url;
      const api = mockOnCallApi({ getOnCall: jest.fn(async () => summary) });
      await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
      expect(await screen.findByText('payments_schedule')).toBeInTheDocument();
      expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
      expect(screen.getByText('3 people')).toBeInTheDocument();
      expect(linksTo(url)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
    },
  );

  it('shows a 100 kB team and schedule name cut', async () => {
    const { summary, team, schedule } = onCallSummaryWithLongNames();
    const api = mockOnCallApi({ getOnCall: jest.fn(async () => summary) });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expectShownCut(team, 'team-');
    expectShownCut(schedule, 'schedule-');
  });

  it('shows a 100 kB reason and annotation hint cut for an unmapped group', async () => {
    const { summary, reason, hint } =
      unmappedOnCallSummaryWithLongHint('No team named ');
    const api = mockOnCallApi({ getOnCall: jest.fn(async () => summary) });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect(
      await screen.findByText(/opsgenie.com\/team: hint-x+…/),
    ).toBeInTheDocument();
    expectShownCut(reason, 'No team named ');
    expectShownCut(hint, 'hint-');
  });
});
