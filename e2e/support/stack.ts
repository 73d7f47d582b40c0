/**
 * The whole console for end-to-end tests, on loopback: the embedded emulator (demo seed, in
 * memory), a real OIDC provider, and the BFF in OIDC sign-in serving the built web app. Started
 * once by Playwright's global setup; specs seed their own data on top of the demo account.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createBff, loadConfig } from '@swr-dashboard/bff';
import { defaultRegions, startEmulator } from '@swr-dashboard/emulator';
import {
  consoleKeyEnv,
  emulatorWithConsoleKey,
  oidcBffEnv,
  startOidcProvider,
} from '@swr-dashboard/test-support';
import { pino } from 'pino';
import { E2E_ORIGIN, E2E_PORT } from './origin';

export { E2E_ORIGIN, E2E_PORT };
export const WEB_ROOT =
  process.env.E2E_WEB_ROOT ?? join(import.meta.dirname, '../../apps/web/dist');

export async function startConsole(): Promise<() => Promise<void>> {
  const emulator = await startEmulator({
    seed: 'demo',
    config: { database: ':memory:', regions: defaultRegions(0), ...emulatorWithConsoleKey() },
  });
  const idp = await startOidcProvider({
    redirectUris: [`${E2E_ORIGIN}/auth/callback`],
    postLogoutRedirectUris: [`${E2E_ORIGIN}/`],
  });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(E2E_PORT),
    PUBLIC_ORIGIN: E2E_ORIGIN,
    BFF_DATABASE: ':memory:',
    WEB_ROOT,
    ...oidcBffEnv(idp),
    ...consoleKeyEnv,
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000',
    RATE_LIMIT_READS_PER_MINUTE: '10000',
    RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: '100',
    // The run's sessions are signed in once (sessions.ts); a role no spec uses for half an hour
    // on a slow machine must not be signed out by the 30-minute default.
    SESSION_IDLE_TIMEOUT: '12h',
    SWR_REGIONS: emulator.regions.map((region) => region.id).join(','),
  };
  for (const region of emulator.regions) {
    const suffix = region.id.toUpperCase().replaceAll('-', '_');
    env[`SWR_ENDPOINT_${suffix}`] = region.url;
    env[`SWR_PROJECT_ID_${suffix}`] = emulator.projectId('demo-ops', region.id);
    // The pickers: the emulator serves CCE (and IAM) on each region's port. The last region
    // keeps typed cluster ids, as a console whose key may not read CCE there.
    if (region !== emulator.regions.at(-1)) env[`CCE_ENDPOINT_${suffix}`] = region.url;
  }
  const account = emulator.config.accounts.find((candidate) => candidate.name === 'demo-ops');
  const iam = emulator.regions[0];
  if (account === undefined || iam === undefined) throw new Error('the demo account is missing');
  env.IAM_ENDPOINT = iam.url;
  env.HWC_DOMAIN_ID = account.id;
  const bff = await createBff(loadConfig(env), { logger: pino({ level: 'error' }) });
  // Specs simulate pushes straight at the emulator (a docker push never goes through the console).
  process.env.E2E_EMULATOR = JSON.stringify(
    Object.fromEntries(emulator.regions.map((region) => [region.id, region.url])),
  );
  const server = createServer(bff.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(E2E_PORT, '127.0.0.1', resolve);
  });
  return async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
    await bff.close();
    await idp.close();
    await emulator.close();
  };
}
