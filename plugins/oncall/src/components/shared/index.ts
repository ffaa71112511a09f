export { FreshnessBanner } from './FreshnessBanner';
export { ErrorWithRetry } from './ErrorWithRetry';
export { NotConfiguredPanel, annotationYaml } from './NotConfiguredPanel';
export { LoadingState } from './LoadingState';
export { ResponderAvatar } from './ResponderAvatar';
export { ChartFrame } from './ChartFrame';
