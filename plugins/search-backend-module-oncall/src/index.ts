/**
 * Search collators for incidents and on-call rotations, read from the on-call backend.
 *
 * @packageDocumentation
 */

export { searchModuleOncallCollators as default } from './module';
export { OnCallAnswersSearchEngine } from './answers/OnCallAnswersSearchEngine';
export { OncallIncidentCollatorFactory } from './collators/OncallIncidentCollatorFactory';
export type { OncallCollatorFactoryOptions } from './collators/OncallIncidentCollatorFactory';
export { OncallRotationCollatorFactory } from './collators/OncallRotationCollatorFactory';
export type {
  OncallIncidentDocument,
  OncallRotationDocument,
} from './collators/types';
