/**
 * `pnpm --filter @swr-dashboard/bff start`: loads the configuration (a bad value stops here with
 * a message naming it), starts the BFF and prints where it listens. SIGTERM or SIGINT stops it
 * gracefully (server.ts): no new connections, requests in flight finished, stores closed, exit 0.
 * Logs go to stdout; if its reader goes away they stop, and nothing else changes
 * (http/logging.ts).
 */
import { createBff } from './bff';
import { ConfigError, loadConfig } from './config/load';
import { addressOf, listen, shutdown } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  // The logs stop by themselves when stdout's reader goes away (http/logging.ts); the audit
  // trail's `stdout` sink writes through process.stdout, whose EPIPE must not crash the BFF
  // either (its records are in the database all the same).
  if (config.audit.sink === 'stdout') process.stdout.on('error', () => undefined);
  const bff = await createBff(config);
  const server = await listen(bff);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      bff.logger.info({ signal }, 'already stopping');
      return;
    }
    stopping = true;
    bff.logger.info({ signal }, 'stopping');
    shutdown(server, bff).then(
      () => process.exit(0),
      (error: unknown) => {
        bff.logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  // After the handlers: whoever waits for this line may stop the BFF at once.
  const mode = config.auth.mode === 'demo' ? ' (demo sign-in)' : '';
  bff.logger.info(
    {
      address: addressOf(server),
      publicOrigin: config.publicOrigin,
      authMode: config.auth.mode,
      regions: config.regions.map((r) => r.id),
    },
    `swr-dashboard BFF listening at ${config.publicOrigin}${mode}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('the BFF could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
