import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { oncallApiRef, OnCallClient } from '../api';

/** The on-call API client. @alpha */
export const oncallApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: oncallApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OnCallClient({ discoveryApi, fetchApi }),
    }),
});
