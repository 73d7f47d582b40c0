/**
 * `pnpm --filter @swr-dashboard/bff start`: loads the configuration (a bad value stops here with
 * a message naming it), starts the BFF and prints where it listens. SIGTERM or SIGINT stops it
 * gracefully (server.ts): no new connections, requests in flight finished, stores closed, exit 0.
 */
import { createBff } from './bff';
import { ConfigError, loadConfig } from './config/load';
import { addressOf, listen, shutdown } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const bff = await createBff(config);
  const server = await listen(bff);
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
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('the BFF could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
