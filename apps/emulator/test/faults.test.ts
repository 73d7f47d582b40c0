/**
 * Fault injection, observed on the wire: a raw signed client (node:http, one connection per
 * request) records the status, headers and body chunks it got, or how the connection ended.
 * Every fault kind, its scope (operation, route, region), count and probability, the
 * `/emulator/faults` endpoint, the programmatic API and the start flags.
 */
import { spawn } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { signRequest, type SigningCredentials } from '@swr-dashboard/swr-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaultRegistry } from '../src/faults/registry';
import { faultsAtStart } from '../src/faults/start-options';
import { FaultInputError, MALFORMED_BODY, type Fault, type FaultInput } from '../src/index';
import { Random } from '../src/seed/random';
import { EAST, MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

interface Sent {
  method: string;
  path: string;
  json?: unknown;
  /** Default: signed with the demo account's key for the region. */
  credentials?: SigningCredentials | 'unsigned';
}

interface Received {
  /** `answered`: a full body; `cut`: headers, then the connection ended early; `reset`: no answer. */
  outcome: 'answered' | 'cut' | 'reset';
  status: number | undefined;
  headers: IncomingHttpHeaders;
  chunks: Buffer[];
  text: string;
  error: string | undefined;
  elapsedMs: number;
}

let fixture: TestEmulator;
const log: string[] = [];

beforeAll(async () => {
  fixture = await startTestEmulator({
    log: (line) => {
      log.push(line);
    },
  });
});

afterAll(async () => {
  await fixture.close();
});

afterEach(() => {
  fixture.emulator.faults.clear();
});

/** One request on its own connection; never rejects, says how it ended. */
function send(region: string, sent: Sent): Promise<Received> {
  const url = new URL(`${fixture.url(region)}${sent.path}`);
  const body = sent.json === undefined ? '' : JSON.stringify(sent.json);
  const headers =
    sent.credentials === 'unsigned'
      ? { 'Content-Type': 'application/json' }
      : signRequest({
          method: sent.method,
          url: url.href,
          body,
          credentials: sent.credentials ?? fixture.credentials(region),
        });
  const started = performance.now();
  return new Promise((done) => {
    const received: Received = {
      outcome: 'reset',
      status: undefined,
      headers: {},
      chunks: [],
      text: '',
      error: undefined,
      elapsedMs: 0,
    };
    const finish = (outcome: Received['outcome'], error?: Error) => {
      received.outcome = outcome;
      received.error = error?.message;
      received.text = Buffer.concat(received.chunks).toString('utf8');
      received.elapsedMs = performance.now() - started;
      done(received);
    };
    const req = request(
      url,
      {
        method: sent.method,
        agent: false,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        received.status = res.statusCode;
        received.headers = res.headers;
        let ended = false;
        res.on('data', (chunk: Buffer) => received.chunks.push(chunk));
        res.on('end', () => {
          ended = true;
          finish('answered');
        });
        res.on('error', () => undefined);
        res.on('close', () => {
          if (!ended) finish('cut');
        });
      },
    );
    req.on('error', (error) => {
      if (received.status === undefined) finish('reset', error);
    });
    req.end(body);
  });
}

function json(received: Received): unknown {
  return JSON.parse(received.text) as unknown;
}

const setFaults = (faults: FaultInput[], region = MAIN) =>
  send(region, { method: 'PUT', path: '/emulator/faults', json: { faults } });

async function namespaceStatus(namespace: string, region = MAIN): Promise<number | undefined> {
  return (await send(region, { method: 'GET', path: `/v2/manage/namespaces/${namespace}` })).status;
}

const createNamespace = (namespace: string, region = MAIN) =>
  send(region, { method: 'POST', path: '/v2/manage/namespaces', json: { namespace } });

const listNamespaces = () => send(MAIN, { method: 'GET', path: '/v2/manage/namespaces' });

describe('fault kinds', () => {
  beforeAll(async () => {
    // A list long enough to be cut and trickled.
    for (const name of ['fault-alpha', 'fault-bravo', 'fault-charlie', 'fault-delta']) {
      expect((await createNamespace(name)).status).toBe(201);
    }
  });

  it('latency: answers normally after at least the fixed delay, and only the faulted operation', async () => {
    fixture.emulator.faults.set(MAIN, [
      { operation: 'listNamespaces', kind: 'latency', ms: 150, jitterMs: 40 },
    ]);
    const before = log.length;
    const slow = await listNamespaces();
    expect(slow.outcome).toBe('answered');
    expect(slow.status).toBe(200);
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(150);
    expect(json(slow)).toMatchObject({ namespaces: expect.any(Array) as unknown });
    const other = await send(MAIN, { method: 'GET', path: '/' });
    expect(other.status).toBe(200);
    const lines = log.slice(before);
    expect(lines[0]).toMatch(/GET \/v2\/manage\/namespaces 200 .* fault=latency$/);
    expect(lines[1]).toMatch(/GET \/ 200 [\d.]+ms$/);
  });

  it.each([500, 502, 503, 504] as const)(
    'error %i: SWR error body, and the operation is not applied',
    async (status) => {
      fixture.emulator.faults.set(MAIN, [
        { route: 'POST /v2/manage/namespaces', kind: 'error', status },
      ]);
      const answered = await createNamespace(`fault-error-${status}`);
      expect(answered.status).toBe(status);
      expect(answered.headers['content-type']).toMatch(/^application\/json/);
      expect(answered.headers['retry-after']).toBeUndefined();
      expect(answered.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(json(answered)).toEqual({
        errorCode: expect.stringMatching(/^SVCSTG\.SWR\.5\d{6}$/) as unknown,
        errorMessage: expect.stringContaining('injected fault') as unknown,
        detail: '',
      });
      fixture.emulator.faults.clear();
      expect(await namespaceStatus(`fault-error-${status}`)).toBe(404);
    },
  );

  it('error 429: Retry-After as configured, 1 second by default', async () => {
    fixture.emulator.faults.set(MAIN, [
      { operation: 'listNamespaces', kind: 'error', status: 429, retryAfter: 7, count: 1 },
      { operation: 'listNamespaces', kind: 'error', status: 429, count: 1 },
    ]);
    const first = await listNamespaces();
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect(json(first)).toMatchObject({ errorCode: 'SVCSTG.SWR.4290000', detail: '' });
    const second = await listNamespaces();
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect((await listNamespaces()).status).toBe(200);
  });

  it('reset-before: the connection is reset and nothing changes', async () => {
    fixture.emulator.faults.set(MAIN, [{ operation: 'createNamespace', kind: 'reset-before' }]);
    const lost = await createNamespace('fault-reset-before');
    expect(lost.outcome).toBe('reset');
    expect(lost.status).toBeUndefined();
    expect(lost.error).toMatch(/ECONNRESET|socket hang up/);
    expect(await namespaceStatus('fault-reset-before')).toBe(404);
  });

  it('reset-after: the connection is reset without an answer, but the change is committed', async () => {
    fixture.emulator.faults.set(MAIN, [{ operation: 'createNamespace', kind: 'reset-after' }]);
    const lost = await createNamespace('fault-reset-after');
    expect(lost.outcome).toBe('reset');
    expect(lost.status).toBeUndefined();
    expect(lost.error).toMatch(/ECONNRESET|socket hang up/);
    expect(await namespaceStatus('fault-reset-after')).toBe(200);
  });

  it('truncated: the status and a Content-Length, then half the body and the connection ends', async () => {
    const whole = await listNamespaces();
    fixture.emulator.faults.set(MAIN, [{ operation: 'listNamespaces', kind: 'truncated' }]);
    const cut = await listNamespaces();
    expect(cut.outcome).toBe('cut');
    expect(cut.status).toBe(200);
    expect(Number(cut.headers['content-length'])).toBe(Buffer.byteLength(whole.text));
    expect(cut.text).toBe(whole.text.slice(0, Math.floor(whole.text.length / 2)));
    expect(() => JSON.parse(cut.text) as unknown).toThrow();
  });

  it('truncated on an answer without a body promises two bytes and sends one', async () => {
    expect((await createNamespace('fault-truncate-delete')).status).toBe(201);
    fixture.emulator.faults.set(MAIN, [{ operation: 'deleteNamespaces', kind: 'truncated' }]);
    const cut = await send(MAIN, {
      method: 'DELETE',
      path: '/v2/manage/namespaces/fault-truncate-delete',
    });
    expect(cut.outcome).toBe('cut');
    expect(cut.status).toBe(200);
    expect(cut.headers['content-length']).toBe('2');
    expect(cut.text).toBe('{');
    fixture.emulator.faults.clear();
    expect(await namespaceStatus('fault-truncate-delete')).toBe(404);
  });

  it('malformed: 200 with a JSON content type and a body that is not JSON; the change is applied', async () => {
    fixture.emulator.faults.set(MAIN, [{ operation: 'createNamespace', kind: 'malformed' }]);
    const garbled = await createNamespace('fault-malformed');
    expect(garbled.outcome).toBe('answered');
    expect(garbled.status).toBe(200);
    expect(garbled.headers['content-type']).toMatch(/^application\/json/);
    expect(garbled.text).toBe(MALFORMED_BODY);
    expect(() => JSON.parse(garbled.text) as unknown).toThrow();
    fixture.emulator.faults.clear();
    expect(await namespaceStatus('fault-malformed')).toBe(200);
  });

  it('trickle: the whole body, in many small chunks spread over time', async () => {
    const whole = await listNamespaces();
    const length = Buffer.byteLength(whole.text);
    expect(length).toBeGreaterThan(200);
    fixture.emulator.faults.set(MAIN, [
      { operation: 'listNamespaces', kind: 'trickle', chunkBytes: 64, intervalMs: 15 },
    ]);
    const slow = await listNamespaces();
    expect(slow.outcome).toBe('answered');
    expect(slow.status).toBe(200);
    expect(slow.text).toBe(whole.text);
    const writes = Math.ceil(length / 64);
    expect(slow.chunks.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...slow.chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(64);
    expect(slow.elapsedMs).toBeGreaterThanOrEqual((writes - 1) * 15);
  });

  it('trickle: a client that leaves midway stops the trickle and the emulator carries on', async () => {
    fixture.emulator.faults.set(MAIN, [
      { operation: 'listNamespaces', kind: 'trickle', chunkBytes: 8, intervalMs: 10, count: 1 },
    ]);
    const url = new URL(`${fixture.url(MAIN)}/v2/manage/namespaces`);
    const headers = signRequest({
      method: 'GET',
      url: url.href,
      credentials: fixture.credentials(),
    });
    const before = log.length;
    await new Promise<void>((done) => {
      const req = request(url, { headers, agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
        });
        res.on('error', () => undefined);
        res.on('close', done);
      });
      req.on('error', () => undefined);
      req.end();
    });
    await vi.waitFor(() => {
      expect(log.slice(before).join('\n')).toMatch(/namespaces 200 .* fault=trickle/);
    });
    const next = await listNamespaces();
    expect(next.outcome).toBe('answered');
    expect(json(next)).toMatchObject({ namespaces: expect.any(Array) as unknown });
  });
});

describe('which requests a fault hits', () => {
  it('count: hits the next N matching requests, then clears itself', async () => {
    fixture.emulator.faults.set(MAIN, [{ route: 'GET /', kind: 'error', status: 503, count: 2 }]);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(503);
    expect(fixture.emulator.faults.list(MAIN)).toEqual([
      { route: 'GET /', kind: 'error', status: 503, count: 1, probability: 1 },
    ]);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(503);
    expect(fixture.emulator.faults.list(MAIN)).toEqual([]);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(200);
  });

  it('probability 0 never hits, 1 always does', async () => {
    fixture.emulator.faults.set(MAIN, [
      { operation: 'listApiVersions', kind: 'error', status: 500, probability: 0 },
      { operation: 'showApiVersion', kind: 'error', status: 500, probability: 1 },
    ]);
    for (let i = 0; i < 5; i += 1) {
      expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(200);
      expect((await send(MAIN, { method: 'GET', path: '/v2' })).status).toBe(500);
    }
  });

  it('a seeded probability hits the same requests every time, some but not all', () => {
    const hits = () => {
      const random = new Random(42);
      const registry = new FaultRegistry([MAIN], [{ kind: 'reset-before', probability: 0.5 }], () =>
        random.next(),
      );
      return Array.from({ length: 40 }, () => registry.plan(MAIN, 'GET', '/') !== undefined);
    };
    const first = hits();
    expect(hits()).toEqual(first);
    const count = first.filter(Boolean).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(35);
  });

  it('jitter stays between ms and ms + jitterMs, and latencies add up', () => {
    const random = new Random(7);
    const faults: Fault[] = [
      { kind: 'latency', ms: 100, jitterMs: 50, probability: 1 },
      { kind: 'latency', ms: 10, jitterMs: 0, probability: 1 },
    ];
    const registry = new FaultRegistry([MAIN], faults, () => random.next());
    const delays = Array.from({ length: 50 }, () => registry.plan(MAIN, 'GET', '/')?.delayMs ?? -1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(110);
    expect(Math.max(...delays)).toBeLessThanOrEqual(160);
    expect(new Set(delays).size).toBeGreaterThan(5);
  });

  it('route globs: * stays within a segment, ** spans them, * as method is any', () => {
    const registry = new FaultRegistry([MAIN], []);
    registry.set(MAIN, [{ route: 'GET /v2/manage/namespaces/*', kind: 'malformed' }]);
    const hit = (method: string, path: string) =>
      registry.plan(MAIN, method, path)?.outcome?.kind === 'malformed';
    expect(hit('GET', '/v2/manage/namespaces/payments')).toBe(true);
    expect(hit('GET', '/v2/manage/namespaces/payments/repos/web')).toBe(false);
    expect(hit('DELETE', '/v2/manage/namespaces/payments')).toBe(false);
    registry.set(MAIN, [{ route: '* /v2/manage/namespaces/**', kind: 'malformed' }]);
    expect(hit('DELETE', '/v2/manage/namespaces/payments/repos/web')).toBe(true);
    expect(hit('GET', '/v2/manage/repos')).toBe(false);
  });

  it('the first non-latency fault that hits decides; later ones are not used up', async () => {
    fixture.emulator.faults.set(MAIN, [
      { route: 'GET /', kind: 'error', status: 502, count: 1 },
      { route: 'GET /', kind: 'error', status: 504, count: 1 },
    ]);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(502);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(504);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(200);
  });

  it('faults are per region', async () => {
    fixture.emulator.faults.set(EAST, [{ kind: 'error', status: 503 }]);
    expect((await send(EAST, { method: 'GET', path: '/' })).status).toBe(503);
    expect((await send(MAIN, { method: 'GET', path: '/' })).status).toBe(200);
  });
});

describe('/emulator/faults', () => {
  it('answers only signed requests (401 otherwise) and is never faulted itself', async () => {
    fixture.emulator.faults.set(MAIN, [{ kind: 'reset-before' }]);
    const unsigned = await send(MAIN, {
      method: 'GET',
      path: '/emulator/faults',
      credentials: 'unsigned',
    });
    expect(unsigned.status).toBe(401);
    expect(json(unsigned)).toMatchObject({ error_code: 'APIGW.0301' });
    const wrongKey = await send(MAIN, {
      method: 'DELETE',
      path: '/emulator/faults',
      credentials: { ak: 'EMULATORDEMOAK000001', sk: 'not-the-secret-key' },
    });
    expect(wrongKey.status).toBe(401);
    expect(fixture.emulator.faults.list(MAIN)).toHaveLength(1);
    const listed = await send(MAIN, { method: 'GET', path: '/emulator/faults' });
    expect(listed.status).toBe(200);
    expect(json(listed)).toEqual({ faults: [{ kind: 'reset-before', probability: 1 }] });
    expect((await send(MAIN, { method: 'GET', path: '/' })).outcome).toBe('reset');
  });

  it('PUT replaces, POST adds, GET lists with defaults filled in, DELETE clears', async () => {
    const put = await setFaults([
      { operation: 'listNamespaces', kind: 'latency', ms: 5 },
      { route: 'POST /v2/manage/namespaces', kind: 'error', status: 503, count: 3 },
    ]);
    expect(put.status).toBe(200);
    expect(json(put)).toEqual({
      faults: [
        { operation: 'listNamespaces', kind: 'latency', ms: 5, jitterMs: 0, probability: 1 },
        {
          route: 'POST /v2/manage/namespaces',
          kind: 'error',
          status: 503,
          count: 3,
          probability: 1,
        },
      ],
    });
    const posted = await send(MAIN, {
      method: 'POST',
      path: '/emulator/faults',
      json: { region: MAIN, kind: 'trickle', probability: 0.25 },
    });
    expect(posted.status).toBe(201);
    expect((json(posted) as { faults: unknown[] }).faults).toHaveLength(3);
    expect((json(posted) as { faults: unknown[] }).faults[2]).toEqual({
      kind: 'trickle',
      probability: 0.25,
      chunkBytes: 16,
      intervalMs: 50,
    });
    const replaced = await setFaults([{ kind: 'malformed', count: 1 }]);
    expect(json(replaced)).toEqual({ faults: [{ kind: 'malformed', count: 1, probability: 1 }] });
    const listed = await send(MAIN, { method: 'GET', path: '/emulator/faults' });
    expect(json(listed)).toEqual(json(replaced));
    expect((await send(EAST, { method: 'GET', path: '/emulator/faults' })).text).toBe(
      '{"faults":[]}',
    );
    const cleared = await send(MAIN, { method: 'DELETE', path: '/emulator/faults' });
    expect(cleared.status).toBe(204);
    expect(fixture.emulator.faults.list(MAIN)).toEqual([]);
  });

  it.each<[string, string, unknown, RegExp]>([
    ['PUT', 'not an envelope', [{ kind: 'malformed' }], /the body must be \{"faults"/],
    ['PUT', 'an unknown kind', { faults: [{ kind: 'explode' }] }, /faults\.0\.kind/],
    [
      'PUT',
      'an unsupported status',
      { faults: [{ kind: 'error', status: 418 }] },
      /faults\.0\.status/,
    ],
    ['POST', 'an unknown operation', { kind: 'malformed', operation: 'dropAll' }, /operation/],
    ['POST', 'a route without a method', { kind: 'malformed', route: '/v2/*' }, /route: A route/],
    [
      'POST',
      'both operation and route',
      { kind: 'malformed', operation: 'listNamespaces', route: 'GET /' },
      /route: Give an operation or a route, not both/,
    ],
    ['POST', 'a probability over 1', { kind: 'malformed', probability: 2 }, /probability/],
    ['POST', 'a count of 0', { kind: 'malformed', count: 0 }, /count/],
    ['POST', 'an unknown field', { kind: 'malformed', everything: true }, /everything/],
    ['POST', 'a latency without ms', { kind: 'latency' }, /ms/],
    ['POST', "another port's region", { kind: 'malformed', region: EAST }, /region: this is/],
  ])('%s with %s is refused with 400 and a message naming it', async (method, _, body, message) => {
    fixture.emulator.faults.set(MAIN, [{ kind: 'latency', ms: 1 }]);
    const refused = await send(MAIN, { method, path: '/emulator/faults', json: body });
    expect(refused.status).toBe(400);
    const error = json(refused) as { errorCode: string; errorMessage: string };
    expect(error.errorCode).toBe('SVCSTG.SWR.4000014');
    expect(error.errorMessage).toMatch(message);
    expect(fixture.emulator.faults.list(MAIN)).toEqual([
      { kind: 'latency', ms: 1, jitterMs: 0, probability: 1 },
    ]);
  });

  it('another method is an unknown URL', async () => {
    const refused = await send(MAIN, { method: 'PATCH', path: '/emulator/faults', json: {} });
    expect(refused.status).toBe(404);
    expect(json(refused)).toMatchObject({ errorCode: 'SVCSTG.SWR.4040083' });
  });
});

describe('the programmatic API', () => {
  it('refuses an invalid fault or an unknown region with FaultInputError', () => {
    const { faults } = fixture.emulator;
    expect(() => faults.set(MAIN, [{ kind: 'error', status: 503, count: -1 }])).toThrow(
      FaultInputError,
    );
    expect(() => faults.add('eu-west-101', { kind: 'malformed' })).toThrow(
      /eu-west-101 is not a region of this emulator/,
    );
    expect(() => faults.add(MAIN, { kind: 'malformed', region: EAST })).toThrow(
      /region: this is cn-north-4, not cn-east-3/,
    );
  });
});

describe('faults at start', () => {
  const regions = [MAIN, EAST];

  it('reads --fault flags (objects or arrays) over EMULATOR_FAULTS, and the seed', () => {
    const env = { EMULATOR_FAULTS: '{"kind":"malformed"}', EMULATOR_FAULT_SEED: '9' };
    expect(faultsAtStart({ env, regions })).toEqual({
      faults: [{ kind: 'malformed', probability: 1 }],
      faultSeed: 9,
    });
    const fromFlags = faultsAtStart({
      flags: [
        '{"region":"cn-east-3","operation":"listNamespaces","kind":"latency","ms":200}',
        '[{"kind":"error","status":429,"retryAfter":5},{"kind":"reset-after","count":1}]',
      ],
      seedFlag: '3',
      env,
      regions,
    });
    expect(fromFlags.faults.map((fault) => fault.kind)).toEqual([
      'latency',
      'error',
      'reset-after',
    ]);
    expect(fromFlags.faultSeed).toBe(3);
  });

  it.each<[string, Parameters<typeof faultsAtStart>[0], RegExp]>([
    [
      'bad JSON',
      { flags: ['{"kind":"malformed"}', '{kind'], env: {}, regions },
      /^--fault #2: not JSON/,
    ],
    [
      'a bad field',
      { flags: ['{"kind":"error","status":501}'], env: {}, regions },
      /^--fault #1: status/,
    ],
    [
      'an unserved region',
      { flags: ['{"kind":"malformed","region":"eu-west-101"}'], env: {}, regions },
      /^--fault #1: region eu-west-101 is not served/,
    ],
    [
      'a bad env value',
      { env: { EMULATOR_FAULTS: '[{"kind":"trickle","chunkBytes":0}]' }, regions },
      /^EMULATOR_FAULTS: 0\.chunkBytes/,
    ],
    ['a bad seed', { seedFlag: '-1', env: {}, regions }, /^--fault-seed must be an integer/],
  ])('refuses %s with a message naming it', (_, values, message) => {
    expect(() => faultsAtStart(values)).toThrow(message);
  });

  it('start-time faults without a region hit every region; with one, only it', async () => {
    const started = await startTestEmulator({
      config: {
        faults: [
          { kind: 'error', status: 503, route: 'GET /' },
          { region: EAST, kind: 'error', status: 500, route: 'GET /v2' },
        ],
      },
    });
    try {
      expect(started.emulator.faults.list(MAIN)).toHaveLength(1);
      expect(started.emulator.faults.list(EAST)).toHaveLength(2);
      const get = (region: string, path: string) =>
        started.raw(region, { method: 'GET', path }).then((answer) => answer.status);
      expect(await get(MAIN, '/')).toBe(503);
      expect(await get(EAST, '/')).toBe(503);
      expect(await get(MAIN, '/v2')).toBe(200);
      expect(await get(EAST, '/v2')).toBe(500);
    } finally {
      await started.close();
    }
  });

  it('pnpm emulator stops at start on a bad --fault, naming it', async () => {
    const emulatorDir = resolve(import.meta.dirname, '..');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', '--memory', '--port', '0', '--fault', '{"kind":"slow"}'],
      { cwd: emulatorDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((done) => {
      child.on('close', done);
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^--fault #1: kind: /);
  });
});
