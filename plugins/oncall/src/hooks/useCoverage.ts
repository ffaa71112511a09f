import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oncallApiRef } from '../api';

/** The coverage report (every Group and its services), with retry. */
export function useCoverage() {
  const api = useApi(oncallApiRef);
  return useAsyncRetry(() => api.getCoverage(), [api]);
}
