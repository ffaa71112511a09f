export { oncallApiRef } from './OnCallApi';
export type { OnCallApi, OnCallEntityRef, IncidentQuery } from './OnCallApi';
export { OnCallClient } from './OnCallClient';
