export { oncallPlugin as default } from './plugin';
