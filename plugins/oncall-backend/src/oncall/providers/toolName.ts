import { ONCALL_PROVIDER_NAMES } from '@oncall-for-backstage/plugin-oncall-common';

/** The on-call tool's display name for a provider type or id (`jsm` → `JSM Operations`). */
export function toolName(provider: string): string {
  return (
    (ONCALL_PROVIDER_NAMES as Record<string, string | undefined>)[provider] ??
    provider
  );
}
