/** The store the configuration chooses: PostgreSQL with `DATABASE_URL`, else the SQLite file. */
import type { Logger } from 'pino';
import type { BffConfig } from '../config/schema';
import { openDatabase } from './database';
import { openPostgres } from './postgres';
import { sqliteStore } from './sqlite';
import type { BffStore } from './store';

/** A PostgreSQL URL fit to log: its password replaced. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = 'redacted';
    return parsed.href;
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

export async function openStore(
  config: Pick<BffConfig, 'database' | 'databaseUrl'>,
  logger: Logger,
): Promise<BffStore> {
  if (config.databaseUrl === undefined) return sqliteStore(openDatabase(config.database));
  const store = await openPostgres(config.databaseUrl, logger);
  logger.info({ database: redactedUrl(config.databaseUrl) }, 'the BFF database is PostgreSQL');
  return store;
}
