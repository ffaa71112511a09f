/**
 * Search collators for incidents and on-call rotations, read from the on-call backend.
 *
 * @packageDocumentation
 */

export { searchModuleOnCallCollators as default } from './module';
export { OnCallAnswersSearchEngine } from './answers/OnCallAnswersSearchEngine';
export { OnCallCollatorFactory } from './collators/OnCallCollatorFactory';
export { OnCallIncidentCollatorFactory } from './collators/OnCallIncidentCollatorFactory';
export { OnCallRotationCollatorFactory } from './collators/OnCallRotationCollatorFactory';
export type {
  OnCallCollatorFactoryOptions,
  OnCallIncidentDocument,
  OnCallRotationDocument,
} from './collators/types';
