import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { oncallApiRef } from '../../api';
import { mockOnCallApi } from '../../__testUtils__/fixtures';
import { MyOnCallCard } from './MyOnCallCard';
import * as states from '../../__testUtils__/states';

jest.setTimeout(30_000);

const FIRST = 'http://localhost:7007/api/oncall/me/calendar.ics?token=first';
const SECOND = 'http://localhost:7007/api/oncall/me/calendar.ics?token=second';

function render(api: ReturnType<typeof mockOnCallApi>) {
  return renderInTestApp(<MyOnCallCard />, { apis: [[oncallApiRef, api]] });
}

describe('Subscribe in calendar', () => {
  it('creates a calendar link, shows it with a copy button, replaces and revokes it', async () => {
    const api = mockOnCallApi({
      createCalendarSubscription: jest
        .fn()
        .mockResolvedValueOnce({ url: FIRST })
        .mockResolvedValueOnce({ url: SECOND }),
    });
    await render(api);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Subscribe in calendar' }),
    );
    expect(await screen.findByDisplayValue(FIRST)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy calendar URL' }),
    ).toBeInTheDocument();
    expect(api.createCalendarSubscription).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'New calendar link' }));
    expect(await screen.findByDisplayValue(SECOND)).toBeInTheDocument();
    expect(screen.queryByDisplayValue(FIRST)).not.toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Revoke calendar link' }),
    );
    await states.expectShown(/Your calendar link is revoked/);
    expect(screen.queryByDisplayValue(SECOND)).not.toBeInTheDocument();
    expect(api.revokeCalendarSubscription).toHaveBeenCalledTimes(1);
  });

  it('says when the link cannot be created', async () => {
    const api = mockOnCallApi({
      createCalendarSubscription: jest.fn(async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'Error', message: 'database is down' },
            }),
            { status: 500, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      }),
    });
    await render(api);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Subscribe in calendar' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /Could not change your calendar link/,
      ),
    );
  });
});
