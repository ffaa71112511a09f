import Box from '@material-ui/core/Box';
import Alert, { Color } from '@material-ui/lab/Alert';
import { MAX_SENTENCE_LENGTH, truncate } from '../../lib/text';

/**
 * A one-line alert for a part of a view that failed while the rest still shows: `prefix: message`,
 * spaced by `mt`/`mb`; nothing while there is no `error`.
 */
export function ErrorNotice(props: {
  severity: Color;
  prefix: string;
  error?: Error;
  mt?: number;
  mb?: number;
}) {
  if (!props.error) {
    return null;
  }
  return (
    <Box mt={props.mt} mb={props.mb}>
      <Alert severity={props.severity} style={{ overflowWrap: 'anywhere' }}>
        {`${props.prefix}: ${truncate(
          props.error.message,
          MAX_SENTENCE_LENGTH,
        )}`}
      </Alert>
    </Box>
  );
}
