import { useApi } from '@backstage/core-plugin-api';
import {
  PageRequest,
  PageResponse,
} from '@oncall-for-backstage/plugin-oncall-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { oncallApiRef, OnCallEntityRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';

/** Opsgenie's limit on an alert message. */
export const MAX_MESSAGE_LENGTH = 130;
const PRIORITIES: Array<NonNullable<PageRequest['priority']>> = [
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
];

type Outcome =
  | { kind: 'sent'; response: PageResponse }
  | { kind: 'failed'; error: Error };

/** Dialog that pages the entity's on-call responders and shows the outcome. */
export function PageOnCallDialog(props: {
  open: boolean;
  onClose: () => void;
  entity: OnCallEntityRef;
  team?: string;
}) {
  const api = useApi(oncallApiRef);
  const [message, setMessage] = useState('');
  const [priority, setPriority] =
    useState<NonNullable<PageRequest['priority']>>('P3');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const trimmed = message.trim();
  let messageError: string | undefined;
  if (!trimmed) {
    messageError = 'A message is required';
  } else if (trimmed.length > MAX_MESSAGE_LENGTH) {
    messageError = `At most ${MAX_MESSAGE_LENGTH} characters (${trimmed.length})`;
  }

  const close = () => {
    setMessage('');
    setPriority('P3');
    setTouched(false);
    setOutcome(undefined);
    props.onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (messageError) {
      return;
    }
    setSending(true);
    try {
      const response = await api.pageOnCall(props.entity, {
        message: trimmed,
        priority,
      });
      setOutcome({ kind: 'sent', response });
    } catch (error) {
      setOutcome({
        kind: 'failed',
        error: error instanceof Error ? error : new Error(String(error)),
      });
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      aria-labelledby="oncall-page-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="oncall-page-title">
          Page on-call
          {props.team ? ` (${truncate(props.team, MAX_DISPLAY_LENGTH)})` : ''}
        </DialogTitle>
        <DialogContent>
          {outcome?.kind === 'sent' ? (
            <Alert severity="success">
              Page sent
              {outcome.response.team
                ? ` to ${truncate(outcome.response.team, MAX_DISPLAY_LENGTH)}`
                : ''}
              . Request id: <code>{outcome.response.requestId}</code>
            </Alert>
          ) : (
            <>
              <TextField
                id="oncall-page-message"
                label="Message"
                value={message}
                onChange={event => setMessage(event.target.value)}
                onBlur={() => setTouched(true)}
                required
                fullWidth
                multiline
                margin="normal"
                error={touched && Boolean(messageError)}
                helperText={
                  touched && messageError
                    ? messageError
                    : `${trimmed.length}/${MAX_MESSAGE_LENGTH}`
                }
              />
              <TextField
                select
                label="Priority"
                value={priority}
                onChange={event => {
                  const value = PRIORITIES.find(p => p === event.target.value);
                  if (value) setPriority(value);
                }}
                margin="normal"
                id="oncall-page-priority"
              >
                {PRIORITIES.map(p => (
                  <MenuItem key={p} value={p}>
                    {p}
                  </MenuItem>
                ))}
              </TextField>
              {outcome?.kind === 'failed' && (
                <Alert severity="error">
                  Paging failed: {errorMessage(outcome.error)}
                </Alert>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>
            {outcome?.kind === 'sent' ? 'Close' : 'Cancel'}
          </Button>
          {outcome?.kind !== 'sent' && (
            <Button
              type="submit"
              color="secondary"
              variant="contained"
              disabled={sending}
            >
              {sending ? 'Paging…' : 'Page'}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
