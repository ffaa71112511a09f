import { ReactNode } from 'react';
import { ErrorWithRetry } from './ErrorWithRetry';
import { LoadingState } from './LoadingState';

/** The state of a read with retry, as `useAsyncRetry` and the plugin's hooks return it. */
export interface RetryableState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
  retry: () => void;
}

/**
 * The states every view of a read goes through: the error with a Retry button, a labelled
 * progress indicator until a value is there, then `children` with the value.
 */
export function AsyncView<T>(props: {
  state: RetryableState<T>;
  loadingLabel: string;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value, retry } = props.state;
  if (error) {
    return <ErrorWithRetry error={error} onRetry={retry} />;
  }
  if (loading || !value) {
    return <LoadingState label={props.loadingLabel} />;
  }
  return <>{props.children(value)}</>;
}
