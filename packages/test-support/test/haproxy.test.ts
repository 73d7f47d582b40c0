import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoadBalancer, type TestLoadBalancer } from '../src/haproxy';
import { acceptsConnections, waitUntil } from '../src/local-process';

/** A tiny backend on loopback that answers with its own name and records what reached it. */
interface NamedBackend {
  name: string;
  port: number;
  /** `METHOD /path` of every request except health checks. */
  hits: string[];
  /** The `X-Forwarded-For` each of those requests arrived with. */
  forwardedFor: (string | undefined)[];
  close(): Promise<void>;
}

function handle(backend: NamedBackend, req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/healthz') {
    res.end('ok');
    return;
  }
  backend.hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
  const forwardedFor = req.headers['x-forwarded-for'];
  backend.forwardedFor.push(Array.isArray(forwardedFor) ? forwardedFor.join(', ') : forwardedFor);
  if (req.url === '/crash') {
    // Closes the connection without an answer, as a backend crashing mid-request would.
    req.socket.destroy();
    return;
  }
  req.resume();
  req.on('end', () => {
    res.end(backend.name);
  });
}

async function startBackend(name: string): Promise<NamedBackend> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const backend: NamedBackend = {
    name,
    port: (server.address() as AddressInfo).port,
    hits: [],
    forwardedFor: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
  server.on('request', (req, res) => {
    handle(backend, req, res);
  });
  return backend;
}

async function answer(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}

async function namesOf(url: string, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { status, body } = await answer(url);
    expect(status).toBe(200);
    names.push(body);
  }
  return names;
}

async function statusOf(lb: TestLoadBalancer, name: string): Promise<string | undefined> {
  return (await lb.servers()).find((server) => server.name === name)?.status;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startLoadBalancer', () => {
  let alpha: NamedBackend;
  let beta: NamedBackend;
  let lb: TestLoadBalancer | undefined;

  beforeEach(async () => {
    [alpha, beta] = await Promise.all([startBackend('alpha'), startBackend('beta')]);
    lb = await startLoadBalancer({
      backends: [alpha, beta].map(({ name, port }) => ({ name, host: '127.0.0.1', port })),
    });
    const started = lb;
    await waitUntil(
      async () => (await started.servers()).every((server) => server.status === 'UP'),
      () => 'both backends up',
    );
  });

  afterEach(async () => {
    await lb?.stop();
    lb = undefined;
    await Promise.all([alpha.close(), beta.close()]);
  });

  function balancer(): TestLoadBalancer {
    if (lb === undefined) throw new Error('no load balancer');
    return lb;
  }

  it('listens on loopback and alternates requests across the backends', async () => {
    const { url, port } = balancer();
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const names = await namesOf(`${url}/who`, 6);
    expect(new Set(names)).toEqual(new Set(['alpha', 'beta']));
    for (let index = 1; index < names.length; index += 1) {
      expect(names[index]).not.toBe(names[index - 1]);
    }
    expect(alpha.hits).toEqual(['GET /who', 'GET /who', 'GET /who']);
    expect(beta.hits).toEqual(['GET /who', 'GET /who', 'GET /who']);
  });

  it('keeps answering from the other backend once one is gone, and takes it out', async () => {
    const current = balancer();
    await beta.close();

    // Before the health checks notice: a refused connection is retried on the other backend,
    // for a POST too (it was never sent).
    for (const method of ['GET', 'POST', 'GET', 'POST']) {
      expect(
        await answer(`${current.url}/who`, { method, body: method === 'POST' ? 'x' : null }),
      ).toEqual({
        status: 200,
        body: 'alpha',
      });
    }

    await waitUntil(
      async () => (await statusOf(current, 'beta')) === 'DOWN',
      () => 'beta marked down',
      3000,
    );
    expect(await statusOf(current, 'alpha')).toBe('UP');
    expect(await namesOf(`${current.url}/who`, 4)).toEqual(['alpha', 'alpha', 'alpha', 'alpha']);
  });

  it('retries a GET whose backend closed without answering, and never sends a POST twice', async () => {
    const { url } = balancer();
    const hitsOf = (request: string): number =>
      [...alpha.hits, ...beta.hits].filter((hit) => hit === request).length;

    // Both backends drop /crash: the GET is tried once and retried twice (`retries 2`), on
    // alternate backends, then answered 502.
    expect((await answer(`${url}/crash`)).status).toBe(502);
    expect(hitsOf('GET /crash')).toBe(3);
    expect(alpha.hits).toContain('GET /crash');
    expect(beta.hits).toContain('GET /crash');

    // The POST reached a backend, which may have acted on it: it is not sent again.
    expect((await answer(`${url}/crash`, { method: 'POST', body: 'once' })).status).toBe(502);
    expect(hitsOf('POST /crash')).toBe(1);
  });

  it("appends the client's address to X-Forwarded-For", async () => {
    const { url } = balancer();
    await answer(`${url}/who`);
    await answer(`${url}/who`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect([...alpha.forwardedFor, ...beta.forwardedFor].sort()).toEqual([
      '127.0.0.1',
      '203.0.113.9, 127.0.0.1',
    ]);
  });

  it('leaves no process and a closed port after stop()', async () => {
    const { pid, port } = balancer();
    expect(processExists(pid)).toBe(true);

    await balancer().stop();
    lb = undefined;

    expect(processExists(pid)).toBe(false);
    expect(await acceptsConnections(port)).toBe(false);
  });
});
