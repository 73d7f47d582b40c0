/** The SQLite database under a BFF's store, for tests that read its rows. */
import type { BffStore } from '../../src/store/store';
import type { BffDatabase } from '../../src/store/database';

export function sqliteDb(bff: { store: BffStore }): BffDatabase {
  const store = bff.store;
  if (store.engine !== 'sqlite' || !('db' in store)) {
    throw new Error('this BFF keeps its state in PostgreSQL');
  }
  return store.db as BffDatabase;
}
