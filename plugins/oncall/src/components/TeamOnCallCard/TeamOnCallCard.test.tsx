import { screen } from '@testing-library/react';
import { OnCallApi } from '../../api';
import {
  groupEntity,
  onCallSummary,
  onCallSummaryWithLongNames,
  stale,
  unmappedOnCallSummary,
  unmappedOnCallSummaryWithLongHint,
} from '../../__testUtils__/fixtures';
import { renderWithMockApi } from '../../__testUtils__/render';
import * as states from '../../__testUtils__/states';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import { expectShownCut } from '../../__testUtils__/longText';
import { TeamOnCallCard } from './TeamOnCallCard';

jest.setTimeout(30_000);

/** Renders the card on the group with the fixtures' API, save `methods`; returns the API. */
function show(methods?: Partial<OnCallApi>) {
  return renderWithMockApi(<TeamOnCallCard />, {
    methods,
    entity: groupEntity,
  });
}

describe('TeamOnCallCard', () => {
  it('shows who is on call now, the compact chain and the next handoff for the group', async () => {
    const api = await show();
    await states.expectShown('On-call now');
    await states.expectShown('payments_schedule');
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
    await show({
      getOnCall: jest.fn(async () =>
        unmappedOnCallSummary({
          reason: 'growth has no Opsgenie team.',
          annotation: { key: 'opsgenie.com/team', value: 'growth' },
        }),
      ),
    });
    await states.expectShown('growth has no Opsgenie team.');
    expect(screen.getByText(/opsgenie.com\/team: growth/)).toBeInTheDocument();
  });

  it('warns about stale data', async () => {
    await show({
      getOnCall: jest.fn(async () => onCallSummary({ freshness: stale() })),
    });
    await states.expectShown(/Opsgenie is failing: HTTP 503 from Opsgenie/);
  });

  it('shows an error with retry', async () => {
    const getOnCall = states.failsOnceThen('Backend down', onCallSummary());
    await show({ getOnCall });
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
      await show({ getOnCall: jest.fn(async () => summary) });
      await states.expectShown('payments_schedule');
      expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
      expect(screen.getByText('3 people')).toBeInTheDocument();
      expect(linksTo(url)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
    },
  );

  it('shows a 100 kB team and schedule name cut', async () => {
    const { summary, team, schedule } = onCallSummaryWithLongNames();
    await show({ getOnCall: jest.fn(async () => summary) });
    await states.expectShown('Ada Lovelace');
    expectShownCut(team, 'team-');
    expectShownCut(schedule, 'schedule-');
  });

  it('shows a 100 kB reason and annotation hint cut for an unmapped group', async () => {
    const { summary, reason, hint } =
      unmappedOnCallSummaryWithLongHint('No team named ');
    await show({ getOnCall: jest.fn(async () => summary) });
    await states.expectShown(/opsgenie.com\/team: hint-x+…/);
    expectShownCut(reason, 'No team named ');
    expectShownCut(hint, 'hint-');
  });
});
