/*
 * Reusable harness for tests and benchmarks that run the real portal backend:
 * processes (backend, standalone sandbox), PostgreSQL databases and Redis namespaces per run,
 * tokens (guest, harness users, static service token), sandbox control, load and figures.
 */
export * from './backend';
export * from './figures';
export * from './http';
export * from './load';
export * from './ports';
export * from './postgres';
export * from './proc';
export * from './redis';
export * from './run';
export * from './sandbox';
export * from './paths';
