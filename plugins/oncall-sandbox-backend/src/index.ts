export { oncallSandboxPlugin as default } from './plugin';
