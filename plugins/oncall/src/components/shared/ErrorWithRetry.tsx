import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** A readable error with a retry button; never throws. */
export function ErrorWithRetry(props: {
  error: Error;
  onRetry: () => void;
  title?: string;
}) {
  return (
    <Box>
      <ResponseErrorPanel error={props.error} title={props.title} />
      <Box mt={1}>
        <Button variant="outlined" color="primary" onClick={props.onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
