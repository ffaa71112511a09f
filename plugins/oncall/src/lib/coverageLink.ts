import { useRouteRef } from '@backstage/core-plugin-api';
import { coverageLinkRouteRef } from '../routes';

/** The coverage page's URL, or undefined when the app does not link it. */
export function useCoverageLink(): string | undefined {
  return useRouteRef(coverageLinkRouteRef)?.();
}
