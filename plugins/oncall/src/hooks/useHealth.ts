import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oncallApiRef, OnCallEntityRef } from '../api';

/** The on-call health of a Group or Component, with retry. */
export function useHealth(ref: OnCallEntityRef, weeks?: number) {
  const api = useApi(oncallApiRef);
  return useAsyncRetry(
    () => api.getHealth(ref, weeks),
    [api, ref.kind, ref.namespace, ref.name, weeks],
  );
}

/** The signed-in user's latest shift, with retry. */
export function useMyLastShift() {
  const api = useApi(oncallApiRef);
  return useAsyncRetry(() => api.getMyLastShift(), [api]);
}
