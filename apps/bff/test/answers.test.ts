/**
 * What reaches the browser of SWR's answer: the value the contract's schema let through, as SWR's
 * own bytes when the schema kept every field as it was (no second serialisation), the schema's
 * output otherwise; never bytes that are not valid UTF-8; no ETag (API answers are no-store);
 * compressed (brotli or gzip) when the browser accepts it and the answer is 1 KiB or more.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../src/http/compression';
import { sameJson } from '../src/proxy/outcome';
import { FAULT_NAMESPACE, startFaultServer, type FaultServer } from './support/fault-server';
import { rawRequest, type RawReply } from './support/raw-http';
import { startStack, type Browser, type Stack } from './support/stack';

const REGION = 'ap-southeast-3';
const LIST = `/api/swr/${REGION}/v2/manage/namespaces`;

let fault: FaultServer;
let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  fault = await startFaultServer();
  stack = await startStack({ env: { SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin } });
  admin = stack.browser();
  await admin.signInDemo('ada-admin');
});

afterAll(async () => {
  await stack.close();
  await fault.close();
});

beforeEach(() => {
  fault.reset();
});

/** SWR answers the next call with `body`. */
function swrAnswers(body: string | Buffer): void {
  fault.queue({ kind: 'reply', status: 200, body });
}

function list(headers: Record<string, string> = {}): Promise<RawReply> {
  return rawRequest(stack.origin, {
    path: LIST,
    headers: { Cookie: admin.cookieHeader(), 'X-CSRF': '1', ...headers },
  });
}

/** `count` organizations, as SWR lists them. */
function namespaces(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    ...FAULT_NAMESPACE,
    id: FAULT_NAMESPACE.id + i,
    name: `fault-ns-${i}`,
  }));
}

describe("SWR's answer as the browser gets it", () => {
  it("is SWR's own bytes when the contract's schema kept everything", async () => {
    // Indented, keys in another order than the schema's: the same JSON value.
    const body = JSON.stringify(
      { namespaces: [{ auth: 7, creator_name: 'fault-owner', name: 'fault-ns', id: 4711 }] },
      null,
      2,
    );
    swrAnswers(body);
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.text).toBe(body);
  });

  it("is the schema's output when it stripped a field SWR sent", async () => {
    const body = JSON.stringify({
      namespaces: [{ ...FAULT_NAMESPACE, internal_note: 'not for browsers' }],
      marker: 'unknown top-level field',
    });
    swrAnswers(body);
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain('not for browsers');
    expect(reply.text).not.toContain('marker');
    expect(reply.json).toEqual({ namespaces: [FAULT_NAMESPACE] });
  });

  it('never passes on bytes that are not valid UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from('{"namespaces":[{"id":4711,"name":"fault-ns","creator_name":"own'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('er","auth":7}]}'),
    ]);
    swrAnswers(body);
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(reply.bytes.equals(body)).toBe(false);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(reply.bytes)).toContain('own\uFFFD');
  });

  it('has no ETag: nothing hashes an answer that is never cached', async () => {
    swrAnswers(JSON.stringify({ namespaces: namespaces(40) }));
    const reply = await list({ 'If-None-Match': '*' });
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).toBeUndefined();
    expect(reply.headers['cache-control']).toBe('no-store');
  });
});

describe('compression of API answers', () => {
  const big = JSON.stringify({ namespaces: namespaces(60) });

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding: %s gets %s', async (accept, encoding, decompress) => {
    swrAnswers(big);
    const reply = await list({ 'Accept-Encoding': accept });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe(encoding);
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.bytes.length);
    expect(reply.bytes.length).toBeLessThan(big.length / 4);
    expect(decompress(reply.bytes).toString('utf8')).toBe(big);
  });

  it('sends as they are: answers under 1 KiB, and to clients that accept no compression', async () => {
    const small = JSON.stringify({ namespaces: namespaces(2) });
    expect(small.length).toBeLessThan(1024);
    swrAnswers(small);
    const smallReply = await list({ 'Accept-Encoding': 'br, gzip' });
    expect(smallReply.headers['content-encoding']).toBeUndefined();
    expect(smallReply.text).toBe(small);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      swrAnswers(big);
      const reply = await list(accept === undefined ? {} : { 'Accept-Encoding': accept });
      expect(reply.headers['content-encoding'], accept).toBeUndefined();
      expect(reply.headers.vary).toBe('Accept-Encoding');
      expect(reply.text).toBe(big);
    }
  });

  it("compresses the console's own large answers too (/api/me)", async () => {
    const reply = await rawRequest(stack.origin, {
      path: '/api/me',
      headers: { Cookie: admin.cookieHeader(), 'X-CSRF': '1', 'Accept-Encoding': 'gzip' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(reply.bytes).toString('utf8'))).toMatchObject({
      user: { role: 'admin' },
    });
  });
});

describe('negotiateEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['br', 'br'],
    ['BR', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.8, gzip;q=0.5', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br; q=0 , gzip; q=0', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['gzip, *;q=0', 'gzip'],
    ['br;q=2, gzip', 'gzip'],
    ['br;q=abc, gzip;q=0.1', 'gzip'],
    [' , ;q=1,gzip', 'gzip'],
  ] as const)('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('sameJson', () => {
  it.each([
    [{ a: 1, b: [1, 'x', null] }, { b: [1, 'x', null], a: 1 }, true],
    [[], [], true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: 1 }, { a: '1' }, false],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
    [{ a: {} }, { a: new Map() }, false],
    [{ a: '2024-01-01' }, { a: new Date('2024-01-01') }, false],
    [null, null, true],
    [{ a: undefined }, {}, false],
    [JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown, { a: 1 }, false],
    [{ a: 1 }, Object.assign(Object.create({ b: 2 }) as object, { a: 1 }), false],
  ])('%j vs %j → %s', (input, output, same) => {
    expect(sameJson(input, output)).toBe(same);
  });
});
