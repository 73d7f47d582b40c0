/**
 * Starts the console once for all specs and signs each role in once (sessions.ts); the returned
 * function stops it.
 */
import { signInEveryRole } from './sessions';
import { E2E_ORIGIN, startConsole } from './stack';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stop = await startConsole();
  try {
    await signInEveryRole(E2E_ORIGIN);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
