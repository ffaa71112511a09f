import { screen, within } from '@testing-library/react';
import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';
import { mockOnCallApi, onCallSummary } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { OnCallContent } from './OnCallContent';

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
    expect(await screen.findByText('JSM Operations team')).toBeInTheDocument();
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
    expect(
      await screen.findByText('Opsgenie (opsgenie-eu)'),
    ).toBeInTheDocument();
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
    expect(await screen.findByText('Opsgenie team')).toBeInTheDocument();
    expect(screen.queryByText('From')).not.toBeInTheDocument();
  });
});
