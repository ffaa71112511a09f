import { screen } from '@testing-library/react';
import { OnCallApi } from '../../api';
import { groupEntity, stale } from '../../__testUtils__/fixtures';
import { onCallHealth } from '../../__testUtils__/healthFixtures';
import { renderWithMockApi } from '../../__testUtils__/render';
import { HealthCard } from './HealthCard';
import * as states from '../../__testUtils__/states';

jest.setTimeout(30_000);

/** Renders the card on the group with the fixtures' API, save `methods`; returns the API. */
function show(methods?: Partial<OnCallApi>) {
  return renderWithMockApi(<HealthCard />, { methods, entity: groupEntity });
}

describe('HealthCard', () => {
  it('shows the weekly chart with the overloaded weeks, the rule with its source and the noisiest alerts linked to Opsgenie', async () => {
    const api = await show();
    expect(
      await screen.findByRole('figure', {
        name: 'Pages per week by hours; 2 of 12 weeks overloaded',
      }),
    ).toBeInTheDocument();
    expect(api.getHealth).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'payments' },
      undefined,
    );
    expect(screen.getByText(/Overloaded in 2 of 12 weeks/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Being On-Call/ })).toHaveAttribute(
      'href',
      'https://sre.google/sre-book/being-on-call/',
    );
    expect(
      screen.getByText('payments-api: 5xx error rate above 2%').closest('a'),
    ).toHaveAttribute(
      'href',
      'https://acme.app.opsgenie.com/alert/detail/a-1/details',
    );
    expect(
      screen.getByText(/14 closed without acknowledgement/),
    ).toBeInTheDocument();
    expect(screen.getByText(/p50 4 min, p90 9 min/)).toBeInTheDocument();
  });

  it('says so when there were no pages', async () => {
    await show({
      getHealth: jest.fn(async () =>
        onCallHealth({
          totals: { ...onCallHealth().totals, pages: 0 },
          noisyAlerts: [],
        }),
      ),
    });
    await states.expectShown('No pages in 12 weeks.');
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('shows the annotation to add when the group has no on-call team', async () => {
    await show({
      getHealth: jest.fn(async () =>
        onCallHealth({
          team: undefined,
          notConfigured: {
            reason: 'No Opsgenie team is mapped to growth.',
            annotation: {
              key: 'opsgenie.com/team',
              value: '<opsgenie team name>',
            },
          },
        }),
      ),
    });
    await states.expectShown('No Opsgenie team is mapped to growth.');
    expect(
      screen.getByText('On-call health needs an on-call team'),
    ).toBeInTheDocument();
  });

  it('marks stale figures and still shows them', async () => {
    await show({
      getHealth: jest.fn(async () => onCallHealth({ freshness: stale() })),
    });
    await states.expectShown(/Showing data from/);
    expect(screen.getByRole('figure')).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    await show({
      getHealth: jest.fn(async () => {
        throw new Error('The on-call backend is unavailable');
      }),
    });
    expect(
      (await screen.findAllByText(/The on-call backend is unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /retry/i })).toBeInTheDocument();
  });
});
