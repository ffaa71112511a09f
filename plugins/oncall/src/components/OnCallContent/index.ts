export { OnCallContent, OnCallView } from './OnCallContent';
