/** The store the configuration chooses: PostgreSQL with `DATABASE_URL`, else the SQLite file. */
import type { Logger } from 'pino';
import { redactedUrl } from '../config/redacted-url';
import type { BffConfig } from '../config/schema';
import { openDatabase } from './database';
import { openPostgres } from './postgres';
import { sqliteStore } from './sqlite';
import type { BffStore } from './store';

export async function openStore(
  config: Pick<BffConfig, 'database' | 'databaseUrl'>,
  logger: Logger,
): Promise<BffStore> {
  if (config.databaseUrl === undefined) return sqliteStore(openDatabase(config.database));
  const store = await openPostgres(config.databaseUrl, logger);
  logger.info(
    { database: redactedUrl(config.databaseUrl, { scheme: 'postgres' }) },
    'the BFF database is PostgreSQL',
  );
  return store;
}
