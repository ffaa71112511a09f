import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oncallApiRef, OnCallEntityRef } from '../api';

/** SLOs and monitors for an entity, with retry. */
export function useSlos(ref: OnCallEntityRef) {
  const api = useApi(oncallApiRef);
  return useAsyncRetry(
    () => api.getSlos(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
