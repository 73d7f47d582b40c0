/**
 * The BFF's registry reader (src/registry/reader.ts) against a registry that misbehaves: one
 * that stalls mid-answer, answers without end, answers what is not JSON or not what was asked
 * for, and a login whose registry host is not a host. Every failure is a `RegistryUnreadable`
 * (the details say `failed`), never another error (a 500), and nothing is read past the limit.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegionConfig } from '../src/config/schema';
import type { Upstream } from '../src/proxy/upstream';
import { RegistryReader, RegistryUnreadable } from '../src/registry/reader';

const REGION = { id: 'cn-north-4' } as RegionConfig;
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A registry on a free loopback port; what it was asked is in `paths`. */
async function registry(handler: Handler): Promise<{ host: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${String((server.address() as AddressInfo).port)}`, paths };
}

/** SWR's answer to `createSecret`, naming `host` as the registry. */
function swrNaming(host: string): Upstream {
  const send = () =>
    Promise.resolve({
      status: 200,
      headers: {
        'content-type': 'application/json',
        'x-swr-dockerlogin': 'docker login -u cn-north-4@AK -p password',
        'x-swr-expireat': new Date(Date.now() + 6 * 3600_000).toISOString(),
      },
      body: Buffer.from(
        JSON.stringify({
          auths: { [host]: { auth: Buffer.from('cn-north-4@AK:password').toString('base64') } },
        }),
      ),
      requestId: 'test',
      latencyMs: 1,
      attempts: 1,
    });
  return { send } as unknown as Upstream;
}

function reader(host: string, timeoutMs?: number): RegistryReader {
  return new RegistryReader({
    config: { registry: { read: 'http' } },
    upstream: swrNaming(host),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

function digestOf(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('it was read'),
    (error: unknown) => error,
  );
}

describe('the registry reader', () => {
  it('fails as unreadable when the registry stalls mid-answer', async () => {
    const { host } = await registry((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"config":');
    });
    const error = await failure(reader(host, 200).blob(REGION, 'ns/app', digestOf('x')));
    expect(error).toBeInstanceOf(RegistryUnreadable);
  });

  it('stops reading an answer without a length at the limit', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let wrote = 0;
    let answered: (finished: boolean) => void = () => {};
    const closed = new Promise<boolean>((resolve) => {
      answered = resolve;
    });
    const { host } = await registry((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.once('close', () => {
        answered(res.writableFinished);
      });
      const more = () => {
        while (wrote < 64) {
          wrote += 1;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      more();
    });
    const error = await failure(reader(host).blob(REGION, 'ns/app', digestOf('x')));
    expect(error).toBeInstanceOf(RegistryUnreadable);
    // The reader left before the registry could write all 64 MiB.
    expect(await closed).toBe(false);
    expect(wrote).toBeLessThan(64);
  });

  it('fails as unreadable on a config or a manifest that is not JSON', async () => {
    const text = 'not json';
    const { host } = await registry((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(text);
    });
    expect(await failure(reader(host).blob(REGION, 'ns/app', digestOf(text)))).toBeInstanceOf(
      RegistryUnreadable,
    );
    expect(await failure(reader(host).manifest(REGION, 'ns/app', digestOf(text)))).toBeInstanceOf(
      RegistryUnreadable,
    );
  });

  it('takes a manifest read by digest only when its bytes are that digest', async () => {
    const { host } = await registry((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end('{"layers":[]}');
    });
    const error = await failure(reader(host).manifest(REGION, 'ns/app', digestOf('other')));
    expect(error).toBeInstanceOf(RegistryUnreadable);
  });

  it('reads only digests, never a path a digest could smuggle', async () => {
    const { host, paths } = await registry((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    const sneaky = `sha256:x/../../../../other/app/manifests/${'a'.repeat(64)}`;
    for (const read of [
      reader(host).manifest(REGION, 'ns/app', sneaky),
      reader(host).blob(REGION, 'ns/app', sneaky),
    ]) {
      expect(await failure(read)).toBeInstanceOf(RegistryUnreadable);
    }
    expect(paths).toEqual([]);
  });

  it('reads only a registry host SWR names as a host, never a path or a query', async () => {
    const { host, paths } = await registry((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    for (const named of [`${host}/elsewhere?`, `${host}#`, `user@${host}`, `${host}/`]) {
      const error = await failure(reader(named).blob(REGION, 'ns/app', digestOf('{}')));
      expect(error).toBeInstanceOf(RegistryUnreadable);
    }
    expect(paths).toEqual([]);
  });
});
