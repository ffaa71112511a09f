import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oncallApiRef, OnCallEntityRef } from '../api';

/** Who is on call for an entity, with retry. */
export function useOnCall(ref: OnCallEntityRef) {
  const api = useApi(oncallApiRef);
  return useAsyncRetry(
    () => api.getOnCall(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
