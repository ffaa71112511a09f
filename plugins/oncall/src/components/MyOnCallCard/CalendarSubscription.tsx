import { CopyTextButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { oncallApiRef } from '../../api';

type State =
  | { step: 'idle' }
  | { step: 'working' }
  | { step: 'subscribed'; url: string }
  | { step: 'revoked' }
  | { step: 'failed'; message: string };

/**
 * "Subscribe in calendar": creates the user's calendar feed URL (voiding any earlier one),
 * shows it once with a copy button, and revokes it.
 */
export function CalendarSubscription() {
  const api = useApi(oncallApiRef);
  const [state, setState] = useState<State>({ step: 'idle' });

  const run = async (action: () => Promise<State>) => {
    setState({ step: 'working' });
    try {
      setState(await action());
    } catch (error) {
      setState({
        step: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const subscribe = () =>
    run(async () => ({
      step: 'subscribed',
      url: (await api.createCalendarSubscription()).url,
    }));
  const revoke = () =>
    run(async () => {
      await api.revokeCalendarSubscription();
      return { step: 'revoked' };
    });
  const working = state.step === 'working';

  return (
    <Box mt={2}>
      {state.step === 'subscribed' ? (
        <>
          <Typography variant="body2">
            Add this URL to your calendar app as a subscription. Anyone with it
            can see your shifts; it is shown only now.
          </Typography>
          <Box display="flex" alignItems="center">
            <TextField
              fullWidth
              margin="dense"
              variant="outlined"
              label="Calendar URL"
              value={state.url}
              InputProps={{ readOnly: true }}
            />
            <CopyTextButton
              text={state.url}
              tooltipText="Calendar URL copied"
              aria-label="Copy calendar URL"
            />
          </Box>
        </>
      ) : null}
      {state.step === 'revoked' ? (
        <Typography variant="body2">
          Your calendar link is revoked: calendars using it no longer update.
        </Typography>
      ) : null}
      {state.step === 'failed' ? (
        <Typography variant="body2" color="error" role="alert">
          Could not change your calendar link: {state.message}
        </Typography>
      ) : null}
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          disabled={working}
          onClick={subscribe}
        >
          {state.step === 'subscribed'
            ? 'New calendar link'
            : 'Subscribe in calendar'}
        </Button>
        <Button size="small" disabled={working} onClick={revoke}>
          Revoke calendar link
        </Button>
      </Box>
    </Box>
  );
}
