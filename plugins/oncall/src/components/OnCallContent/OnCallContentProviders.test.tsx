import { screen, within } from '@testing-library/react';
import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';
import { mockOnCallApi, onCallSummary } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { OnCallContent } from './OnCallContent';
import * as states from '../../__testUtils__/states';

jest.setTimeout(30_000);

/** The API answering the default summary, its one rotation coming from `source`. */
function apiWithRotationFrom(source: Rotation['source']) {
  const base = onCallSummary();
  return mockOnCallApi({
    getOnCall: jest.fn(async () =>
      onCallSummary({ rotations: [{ ...base.rotations[0], source }] }),
    ),
  });
}

describe('OnCallContent with several providers', () => {
  it('says which tool a rotation comes from and links to it there', async () => {
    const api = apiWithRotationFrom({
      provider: 'jsm',
      providerId: 'jsm',
      url: 'https://acme.atlassian.net/jira/ops/teams/t-1/on-call',
    });
    await renderWithEntity(<OnCallContent />, { api });
    await states.expectShown('JSM Operations team');
    const card = screen.getByText('From').parentElement!;
    expect(within(card).getByText('JSM Operations')).toBeInTheDocument();
    const link = screen.getByRole('link', {
      name: /^JSM Operations schedule payments_schedule/,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://acme.atlassian.net/jira/ops/teams/t-1/on-call',
    );
  });

  it('names the provider id when two providers of one tool are configured', async () => {
    const api = apiWithRotationFrom({
      provider: 'opsgenie',
      providerId: 'opsgenie-eu',
    });
    await renderWithEntity(<OnCallContent />, { api });
    await states.expectShown('Opsgenie (opsgenie-eu)');
    expect(
      screen.getByRole('link', {
        name: /^Opsgenie schedule payments_schedule/,
      }),
    ).toHaveAttribute(
      'href',
      'https://example.app.opsgenie.com/schedule/sched-1',
    );
  });

  it('keeps naming Opsgenie for a backend that sends no source', async () => {
    await renderWithEntity(<OnCallContent />, { api: mockOnCallApi() });
    await states.expectShown('Opsgenie team');
    expect(screen.queryByText('From')).not.toBeInTheDocument();
  });
});
