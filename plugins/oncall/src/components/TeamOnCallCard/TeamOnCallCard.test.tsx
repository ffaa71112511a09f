import { fireEvent, screen } from '@testing-library/react';
import {
  groupEntity,
  mockOnCallApi,
  onCallSummary,
  stale,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { TeamOnCallCard } from './TeamOnCallCard';

jest.setTimeout(30_000);

describe('TeamOnCallCard', () => {
  it('shows a progress indicator while loading', async () => {
    const api = mockOnCallApi({
      getOnCall: jest.fn(() => new Promise(() => {})),
    });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect(
      await screen.findByRole('progressbar', { name: 'Loading on-call' }),
    ).toBeInTheDocument();
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
        onCallSummary({
          rotations: [],
          resolution: { via: 'name' },
          notConfigured: {
            reason: 'growth has no Opsgenie team.',
            annotation: 'opsgenie.com/team: growth',
          },
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
    const getOnCall = jest
      .fn()
      .mockRejectedValueOnce(new Error('Backend down'))
      .mockResolvedValue(onCallSummary());
    const api = mockOnCallApi({ getOnCall });
    await renderWithEntity(<TeamOnCallCard />, { api, entity: groupEntity });
    expect((await screen.findAllByText(/Backend down/)).length).toBeGreaterThan(
      0,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('payments_schedule')).toBeInTheDocument();
  });
});
