export interface Config {
  search?: {
    /**
     * The search engine: `lunr` keeps the index in memory (the default, fine for one
     * backend), `postgres` keeps it in the search plugin's PostgreSQL database, shared by
     * every backend replica (needs `backend.database.client: pg`, PostgreSQL 12 or later).
     * Either lists the on-call rotations first for questions such as "who is on call for
     * payments".
     */
    engine?: 'lunr' | 'postgres';
  };
}
