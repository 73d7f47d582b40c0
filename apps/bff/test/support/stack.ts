/**
 * Test fixture: the whole BFF stack in-process, on loopback: the embedded emulator (in memory,
 * free ports) and the BFF configured from environment variables exactly as in production, with
 * its SQLite in memory (or the PostgreSQL of a `DATABASE_URL` in `env`). `browser()` gives a
 * cookie-keeping client that behaves like the SPA (same origin, `X-CSRF: 1`).
 *
 * Not the end-to-end suite's starter (e2e/support/stack.ts): this one runs the BFF from this
 * app's sources inside vitest, keeps the BFF's and the emulator's log lines for tests to scan,
 * takes overrides of the emulator's configuration and a hook before the BFF starts, and serves
 * no web app. Both take the BFF's region settings from `bffEnvFor`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultRegions,
  startEmulator,
  type RunningEmulator,
  type StartOptions,
} from '@swr-dashboard/emulator';
import { pino, type Logger } from 'pino';
import { bffEnvFor } from '@swr-dashboard/test-support';
import { createBff, type Bff } from '../../src/bff';
import { loadConfig } from '../../src/config/load';

export interface Stack {
  emulator: RunningEmulator;
  bff: Bff;
  origin: string;
  /** Lines the BFF logged, to scan for secrets. */
  logLines: string[];
  /** One line per request the emulator answered (`<region> <METHOD> <path> <status> <ms>`). */
  upstreamLog: string[];
  /** A browser; `headers` go with every request (a proxy's `X-Forwarded-For`, say). */
  browser(headers?: Record<string, string>): Browser;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Extra environment for the BFF (AUTH_MODE, OIDC_*, ROLE_*, ...). */
  env?: Record<string, string>;
  /** The circuit breakers' clock, for tests that move past a cool-down rather than wait. */
  breakerClock?: () => number;
  /** Overrides of the emulator's configuration (e.g. `accounts` with extra credentials). */
  emulator?: StartOptions['config'];
  /**
   * Runs once the BFF's origin is known, before the BFF starts; returns more environment. For
   * services the BFF must reach at start that need its origin, e.g. an OIDC provider whose
   * client registers `${origin}/auth/callback`.
   */
  prepare?: (origin: string) => Promise<Record<string, string>>;
}

function listenOn(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function memoryLogger(lines: string[]): Logger {
  return pino(
    { level: 'debug', redact: { paths: [], censor: '[redacted]' } },
    {
      write(line: string) {
        lines.push(line);
      },
    },
  );
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const upstreamLog: string[] = [];
  const emulator = await startEmulator({
    seed: 'demo',
    log: (line) => {
      upstreamLog.push(line);
    },
    config: { database: ':memory:', regions: defaultRegions(0), ...options.emulator },
  });
  const server = createServer();
  const port = await listenOn(server);
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_ORIGIN: origin,
    // SQLite in memory, unless the test gives PostgreSQL (both at once is a configuration error).
    ...(options.env?.DATABASE_URL === undefined ? { BFF_DATABASE: ':memory:' } : {}),
    UPSTREAM_TIMEOUT: '5s',
    // No background sweeps unless a test asks: many count the calls the emulator gets.
    FLEET_INDEX: 'off',
    ...bffEnvFor(emulator),
    ...options.env,
    ...(await options.prepare?.(origin)),
  });
  const logLines: string[] = [];
  const bff = await createBff(config, {
    logger: memoryLogger(logLines),
    ...(options.breakerClock === undefined ? {} : { breakerClock: options.breakerClock }),
  });
  server.on('request', bff.app);
  return {
    emulator,
    bff,
    origin,
    logLines,
    upstreamLog,
    browser: (headers) => new Browser(origin, headers),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await bff.close();
      await emulator.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A browser of the console: same origin, X-CSRF on every call, cookies kept. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly origin: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    options: {
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
      csrf?: boolean;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {
      ...this.defaultHeaders,
      ...(options.csrf === false ? {} : { 'X-CSRF': '1' }),
    };
    if (method !== 'GET' && method !== 'HEAD') headers.Origin = this.origin;
    if (this.cookies.size > 0) headers.Cookie = this.cookieHeader();
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    Object.assign(headers, options.headers);
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair === undefined || at < 0) continue;
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  get(path: string, options?: Parameters<Browser['request']>[2]) {
    return this.request('GET', path, options);
  }

  /** Demo sign-in as one of the demo users. */
  async signInDemo(user: string): Promise<Reply> {
    const reply = await this.request('POST', '/auth/demo/login', { json: { user } });
    if (reply.status !== 200) throw new Error(`demo sign-in failed: ${reply.status} ${reply.text}`);
    return reply;
  }
}
