import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oncallApiRef } from '../api';

/** The signed-in user's current and upcoming shifts, with retry. */
export function useMyOnCall() {
  const api = useApi(oncallApiRef);
  return useAsyncRetry(() => api.getMyOnCall(), [api]);
}
