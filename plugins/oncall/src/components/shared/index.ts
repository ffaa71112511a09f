export { FreshnessBanner } from './FreshnessBanner';
export { ErrorWithRetry } from './ErrorWithRetry';
export { NotConfiguredPanel } from './NotConfiguredPanel';
export { LoadingState } from './LoadingState';
export { ResponderAvatar } from './ResponderAvatar';
export { ChartFrame } from './ChartFrame';
export { LongText } from './LongText';
export { SafeLink } from './SafeLink';
export { ProviderChip, providerLabel } from './ProviderChip';
