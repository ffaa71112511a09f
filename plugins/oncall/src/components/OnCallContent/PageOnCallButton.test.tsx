import { screen, waitFor } from '@testing-library/react';
import { mockOnCallApi } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { OnCallContent } from './OnCallContent';
import * as states from '../../__testUtils__/states';

// Permission decisions are cached per module by the permission hook, so the denied case
// lives in its own file.
describe('PageOnCallButton', () => {
  it('offers paging only with permission', async () => {
    const api = mockOnCallApi();
    await renderWithEntity(<OnCallContent />, { api, canPage: false });
    await states.expectShown('Secondary after 10 min');
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /Page on-call/ }),
      ).not.toBeInTheDocument(),
    );
  });
});
