/**
 * The console as the Node benchmarks run it: the emulator's regions read from its banner, the
 * BFF's bundle under plain node in demo sign-in on an SQLite file next to the benchmark's other
 * files, and a demo user's session cookie.
 */
import { join } from 'node:path';
import { bffEnvFor } from '@swr-dashboard/emulator-fixtures';
import { BFF_NODE_ARGS, bffBundle, freePort, startServer, type Server } from './processes';

/** Each region the emulator's banner lists, with its URL. */
export function regionsOf(log: string): { id: string; url: string }[] {
  return [...log.matchAll(/^\s{2}(\S+)\s+(http:\/\/\S+)$/gm)].map(([, id = '', url = '']) => ({
    id,
    url,
  }));
}

/** The BFF (demo sign-in, `directory/bff.sqlite`, its log `directory/bff.log`) on the emulator. */
export async function startDemoBff(
  directory: string,
  emulator: Server,
  env: Record<string, string>,
): Promise<{ bff: Server; origin: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${String(port)}`;
  const bff = await startServer({
    script: await bffBundle(),
    nodeArgs: [...BFF_NODE_ARGS],
    env: {
      AUTH_MODE: 'demo',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      BFF_DATABASE: join(directory, 'bff.sqlite'),
      ...bffEnvFor({ regions: regionsOf(emulator.log()) }),
      ...env,
    },
    logFile: join(directory, 'bff.log'),
    ready: /BFF listening at/,
  });
  return { bff, origin };
}

/** Signs the demo admin in: the session's cookie header. */
export async function demoSession(origin: string): Promise<string> {
  const response = await fetch(`${origin}/auth/demo/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF': '1', Origin: origin },
    body: JSON.stringify({ user: 'ada-admin' }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${String(response.status)}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
