/**
 * Starts the console once for all specs (OIDC sign-in on E2E_PORT) and signs each role in once
 * (sessions.ts); the returned function stops it.
 */
import { signInEveryRole } from './sessions';
import { E2E_ORIGIN, E2E_PORT, startConsole } from './stack';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const running = await startConsole({
    signIn: 'oidc',
    port: E2E_PORT,
    env: {
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000',
      RATE_LIMIT_READS_PER_MINUTE: '10000',
      RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: '100',
      // The run's sessions are signed in once (sessions.ts); a role no spec uses for half an hour
      // on a slow machine must not be signed out by the 30-minute default.
      SESSION_IDLE_TIMEOUT: '12h',
    },
  });
  // Specs simulate pushes straight at the emulator (a docker push never goes through the console).
  process.env.E2E_EMULATOR = JSON.stringify(
    Object.fromEntries(running.emulator.regions.map((region) => [region.id, region.url])),
  );
  try {
    await signInEveryRole(E2E_ORIGIN);
  } catch (error) {
    await running.stop();
    throw error;
  }
  return () => running.stop();
}
