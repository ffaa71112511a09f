/**
 * Types, annotation keys, permissions and predicates shared by the on-call plugin family.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './entities';
export * from './freshness';
export * from './incidents';
export * from './signals';
export * from './onCall';
export * from './permissions';
export * from './search';
export * from './slos';
