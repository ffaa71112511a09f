import {
  ONCALL_PROVIDER_NAMES,
  OnCallProviderType,
} from '@oncall-for-backstage/plugin-oncall-common';
import Chip from '@material-ui/core/Chip';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';

/** The on-call tool name, e.g. `JSM Operations`; the provider id when it is not the tool's own. */
export function providerLabel(source: {
  provider: OnCallProviderType;
  providerId: string;
}): string {
  const name = ONCALL_PROVIDER_NAMES[source.provider] ?? source.provider;
  return source.providerId && source.providerId !== source.provider
    ? `${name} (${truncate(source.providerId, MAX_DISPLAY_LENGTH)})`
    : name;
}

/** A small chip naming the on-call tool a rotation or team comes from. */
export function ProviderChip(props: {
  source: { provider: OnCallProviderType; providerId: string };
}) {
  return (
    <Chip
      size="small"
      variant="outlined"
      color={props.source.provider === 'opsgenie' ? 'default' : 'primary'}
      label={providerLabel(props.source)}
    />
  );
}
