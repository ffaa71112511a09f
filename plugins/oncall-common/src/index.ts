/**
 * Types, annotation keys, permissions and predicates shared by the on-call plugin family.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './entities';
export * from './freshness';
export * from './health';
export * from './incidents';
export * from './migration';
export * from './signals';
export * from './onCall';
export * from './permissions';
export * from './providers';
export * from './search';
export * from './slos';
