/**
 * The proxy's input guarding (docs/security.md B6) against the emulator's demo seed, signed in
 * through the real local OpenID Provider: case 10 (path traversal through parameters), 11
 * (repository encoding, and every operation's upstream path), 12 (SSRF and host override), 13
 * (header and cookie smuggling, seen by a recording endpoint at the network edge), 15 (mass
 * assignment and prototype pollution) and 8 (an operator at admin-only functions).
 *
 * Case 8's outsider (no mapped group cannot sign in) is covered in oidc.test.ts ("refuses an
 * outsider"); a viewer at every write and admin operation is in authorization-matrix.test.ts.
 */
import { operations, verifySignature } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_KEY } from '@swr-dashboard/test-support';
import { sendOverSocket, sendRaw, type GuardReply } from './support/guard-requests';
import {
  auditRecordsFor,
  directClient,
  failureOf,
  REGION,
  ROLE_ACCOUNTS,
  signInAs,
  startOidcConsole,
  upstreamSince,
  type OidcConsole,
  type SignedIn,
} from './support/oidc-console';
import {
  callStep,
  lookUpSeed,
  OPERATION_TABLE,
  upstreamPathOf,
  type TableContext,
} from './support/operation-table';
import { startRecordingEndpoint, type RecordingEndpoint } from './support/recording-endpoint';

/** A region whose endpoint is the recording server (it never reaches the emulator). */
const EDGE_REGION = 'la-south-2';
const EDGE_PROJECT_ID = '0123456789abcdef0123456789abcdef';
const SWR = `/api/swr/${REGION}`;
const NS = `${SWR}/v2/manage/namespaces`;

let console_: OidcConsole;
let edge: RecordingEndpoint;
let admin: SignedIn;
let operator: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  edge = await startRecordingEndpoint();
  console_ = await startOidcConsole({
    env: {
      SWR_REGIONS: `cn-north-4,cn-east-3,ap-southeast-3,${EDGE_REGION}`,
      SWR_ENDPOINT_LA_SOUTH_2: edge.url,
      SWR_PROJECT_ID_LA_SOUTH_2: EDGE_PROJECT_ID,
    },
  });
  admin = await signInAs(console_.stack, ROLE_ACCOUNTS.admin);
  operator = await signInAs(console_.stack, ROLE_ACCOUNTS.operator);
  viewer = await signInAs(console_.stack, ROLE_ACCOUNTS.viewer);
});
afterAll(async () => {
  await console_.close();
  await edge.close();
});

/** What the signed-in browser adds to every API call (the session cookie, `X-CSRF: 1`). */
function browserHeaders(user: SignedIn, method = 'GET'): Record<string, string> {
  return {
    Cookie: user.browser.cookieHeader(),
    'X-CSRF': '1',
    ...(method === 'GET' ? {} : { Origin: console_.stack.origin }),
  };
}

function send(user: SignedIn, method: string, path: string, body?: string) {
  const headers = browserHeaders(user, method);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return sendRaw(console_.stack.origin, method, path, headers, body);
}

/** Counts of what reached SWR so far: the emulator and the recording endpoint. */
function upstreamMark(): { emulator: number; edge: number } {
  return { emulator: console_.stack.upstreamLog.length, edge: edge.requests.length };
}

function expectNothingSent(mark: { emulator: number; edge: number }, what: string): void {
  expect(upstreamSince(console_.stack, mark.emulator), `${what}: emulator calls`).toEqual([]);
  expect(edge.requests.slice(mark.edge), `${what}: endpoint calls`).toEqual([]);
}

/** 400 invalid_parameter, nothing sent upstream, one `input.rejected` record for the request. */
function expectRejected(
  reply: GuardReply,
  mark: { emulator: number; edge: number },
  what: string,
): void {
  expect({ status: reply.status, body: reply.json }, what).toMatchObject({
    status: 400,
    body: { code: 'invalid_parameter' },
  });
  expectNothingSent(mark, what);
  const records = auditRecordsFor(console_.stack, reply.requestId);
  expect(records, `${what}: audit`).toHaveLength(1);
  expect(records[0], `${what}: audit`).toMatchObject({
    event: 'input.rejected',
    outcome: 'denied',
    httpStatus: 400,
    upstream: null,
  });
}

describe('case 10: path traversal through namespace, repository and tag', () => {
  const PAYLOADS: readonly [string, string][] = [
    ['encoded ../../v3/auth/tokens', '..%2F..%2Fv3%2Fauth%2Ftokens'],
    ['a dot-dot segment', '..'],
    ['a dot segment', '.'],
    ['encoded dot-dot', '%2e%2e'],
    ['half-encoded dot-dot', '.%2e'],
    ['double-encoded ../', '%252e%252e%252f'],
    ['encoded backslashes', 'a%5C..%5Cb'],
    ['an encoded NUL', 'ns%00'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['full-width dots (UTF-8, percent-encoded)', '%EF%BC%8E%EF%BC%8E'],
  ];
  /** An over-long name for each position: SWR's limits are 64, 128 and 128 characters. */
  const OVER_LONG = {
    namespace: `n${'a'.repeat(64)}`,
    repository: `r${'a'.repeat(128)}`,
    tag: `t${'a'.repeat(128)}`,
  };
  const POSITIONS = {
    namespace: (value: string) => ['GET', `${NS}/${value}`] as const,
    repository: (value: string) => ['GET', `${NS}/payments/repos/${value}`] as const,
    tag: (value: string) =>
      ['DELETE', `${NS}/payments/repos/payment-gateway/tags/${value}`] as const,
  };

  for (const [position, build] of Object.entries(POSITIONS)) {
    for (const [label, payload] of [
      ...PAYLOADS,
      [
        `a ${OVER_LONG[position as keyof typeof OVER_LONG].length}-character name`,
        OVER_LONG[position as keyof typeof OVER_LONG],
      ] as const,
    ]) {
      it(`${position}: ${label} → 400, nothing sent, audited`, async () => {
        const [method, path] = build(payload);
        const mark = upstreamMark();
        const reply = await send(admin, method, path);
        expectRejected(reply, mark, `${method} ${path}`);
      });
    }
  }

  it('the 64-character namespace, and a valid repository and tag in the same places, do reach SWR', async () => {
    const mark = upstreamMark();
    const longest = `n${'a'.repeat(63)}`;
    const namespace = await send(admin, 'GET', `${NS}/${longest}`);
    expect(namespace.status).toBe(404);
    expect(namespace.json).toMatchObject({ code: 'upstream_rejected', upstream: { status: 404 } });
    const repo = await send(admin, 'GET', `${NS}/payments/repos/payment-gateway`);
    expect(repo.status).toBe(200);
    expect(upstreamSince(console_.stack, mark.emulator).map((line) => line.split(' ')[2])).toEqual([
      `/v2/manage/namespaces/${longest}`,
      '/v2/manage/namespaces/payments/repos/payment-gateway',
    ]);
  });

  it('full-width dots sent as raw UTF-8 bytes are refused before anything is sent', async () => {
    const mark = upstreamMark();
    const reply = await sendOverSocket(
      console_.stack.origin,
      [
        `GET ${NS}/\u00ef\u00bc\u008e\u00ef\u00bc\u008e HTTP/1.1`,
        `Host: ${new URL(console_.stack.origin).host}`,
        `Cookie: ${admin.browser.cookieHeader()}`,
        'X-CSRF: 1',
      ].join('\r\n'),
    );
    expect(reply.status).toBe(400);
    expectNothingSent(mark, 'raw full-width dots');
  });
});

describe('case 11: repository names on the wire', () => {
  it('group/app travels as group$app: the emulator receives exactly that path', async () => {
    const mark = upstreamMark();
    const repo = await admin.client.showRepository({
      params: { namespace: 'platform', repository: 'ci/runner' },
    });
    expect(repo.name).toBe('ci/runner');
    const raw = await send(admin, 'GET', `${NS}/platform/repos/ci$runner/tags?limit=1&offset=0`);
    expect(raw.status).toBe(200);
    expect(
      upstreamSince(console_.stack, mark.emulator).map((line) => line.split(' ').slice(0, 4)),
    ).toEqual([
      [REGION, 'GET', '/v2/manage/namespaces/platform/repos/ci$runner', '200'],
      [REGION, 'GET', '/v2/manage/namespaces/platform/repos/ci$runner/tags', '200'],
    ]);
  });

  const BAD: readonly [string, string, string][] = [
    ['an encoded literal $ in a repository', 'GET', `${NS}/platform/repos/ci%24runner`],
    ['a literal $ in a namespace', 'GET', `${NS}/plat$form`],
    ['a literal $ in a tag', 'DELETE', `${NS}/platform/repos/ci$runner/tags/v1$2`],
    ['group//app as $$', 'GET', `${NS}/platform/repos/group$$app`],
    ['group//app as slashes', 'GET', `${NS}/platform/repos/group//app`],
    ['group/./app as $.$', 'GET', `${NS}/platform/repos/group$.$app`],
    ['group/./app as slashes', 'GET', `${NS}/platform/repos/group/./app`],
    ['/app as $app', 'GET', `${NS}/platform/repos/$app`],
    ['/app as a leading slash', 'GET', `${NS}/platform/repos//app`],
    ['app/ as app$', 'GET', `${NS}/platform/repos/app$`],
    ['app/ as a trailing slash', 'GET', `${NS}/platform/repos/app/`],
    ['an upper-case repository', 'GET', `${NS}/platform/repos/CI$runner`],
  ];
  for (const [label, method, path] of BAD) {
    it(`${label} → 400, nothing sent, audited`, async () => {
      const mark = upstreamMark();
      expectRejected(await send(admin, method, path), mark, `${method} ${path}`);
    });
  }

  it('every operation calls the configured endpoint on its template path under /v2/ (or a version path)', async () => {
    const { stack } = console_;
    const { seeded, spareTags } = await lookUpSeed(directClient(stack));
    const ctx: TableContext = { who: 'guard', seeded, spareTag: spareTags[0] ?? '', created: {} };
    const start = stack.upstreamLog.length;
    const edgeStart = edge.requests.length;
    for (const entry of OPERATION_TABLE) {
      const input = entry.input(ctx);
      const before = stack.upstreamLog.length;
      const response = await callStep(admin.client, entry.name, input);
      entry.keep?.(response.result, ctx);
      const definition = operations[entry.name];
      const expected = `${REGION} ${definition.method} ${upstreamPathOf(entry.name, input)} `;
      const lines = upstreamSince(stack, before);
      expect(lines.length, entry.name).toBeGreaterThan(0);
      expect(
        lines.every((line) => line.startsWith(expected)),
        `${entry.name}: ${JSON.stringify(lines)}`,
      ).toBe(true);
    }
    const paths = upstreamSince(stack, start).map((line) => line.split(' ')[2] ?? '');
    expect(paths.length).toBeGreaterThanOrEqual(OPERATION_TABLE.length);
    for (const path of paths) {
      expect(path.startsWith('/v2/') || /^\/(?:v\d+(?:\.\d+)?)?$/.test(path), path).toBe(true);
    }
    expect(edge.requests.length).toBe(edgeStart);
  });
});

describe('case 12: SSRF and host override', () => {
  it('Host: evil.example and X-Forwarded-Host: evil change nothing: the configured endpoint is called', async () => {
    const mark = upstreamMark();
    const reply = await sendRaw(
      console_.stack.origin,
      'GET',
      `/api/swr/${EDGE_REGION}/v2/manage/namespaces`,
      {
        ...browserHeaders(admin),
        Host: 'evil.example',
        'X-Forwarded-Host': 'evil',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-For': '169.254.169.254',
      },
    );
    expect(reply.status, reply.text).toBe(200);
    const seen = edge.requests.slice(mark.edge);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.host).toBe(edge.host);
    expect(seen[0]?.url).toBe('/v2/manage/namespaces');
    expect(JSON.stringify(seen[0]?.headers)).not.toMatch(/evil|169\.254/);
    // And against the emulator: the call lands on the configured region, nowhere else.
    const emulatorMark = upstreamMark();
    const again = await sendRaw(console_.stack.origin, 'GET', `${NS}/payments`, {
      ...browserHeaders(admin),
      Host: 'evil.example',
      'X-Forwarded-Host': 'evil',
    });
    expect(again.status).toBe(200);
    expect(upstreamSince(console_.stack, emulatorMark.emulator)).toEqual([
      expect.stringMatching(/^cn-north-4 GET \/v2\/manage\/namespaces\/payments 200 /),
    ]);
  });

  it('an absolute-form request target (GET http://169.254.169.254/...) is refused and sends nothing', async () => {
    const head = (target: string) =>
      [
        `GET ${target} HTTP/1.1`,
        'Host: 169.254.169.254',
        `Cookie: ${admin.browser.cookieHeader()}`,
        'X-CSRF: 1',
      ].join('\r\n');
    const outside = upstreamMark();
    const latest = await sendOverSocket(
      console_.stack.origin,
      head('http://169.254.169.254/latest'),
    );
    expect(latest.status).toBe(404);
    expect(latest.json).toMatchObject({ code: 'not_found' });
    expectNothingSent(outside, 'absolute-form /latest');
    for (const target of [
      `http://169.254.169.254${NS}`,
      `http://169.254.169.254/api/swr/${EDGE_REGION}/v2/manage/namespaces`,
      // Before the fix, the region was cut from this string at a fixed offset.
      `http://abcn-north-4/api/swr/${REGION}/v2/manage/namespaces`,
    ]) {
      const mark = upstreamMark();
      const reply = await sendOverSocket(console_.stack.origin, head(target));
      expectRejected(reply, mark, target);
      expect(reply.text).not.toContain('169.254');
    }
  });

  for (const query of [
    'endpoint=http://169.254.169.254',
    'url=http://169.254.169.254/latest/meta-data',
    'host=evil.example',
    'foo=bar',
  ]) {
    it(`an unknown query parameter (?${query}) → 400, nothing sent, audited`, async () => {
      const mark = upstreamMark();
      const reply = await send(admin, 'GET', `${SWR}/v2/manage/namespaces?${query}`);
      expectRejected(reply, mark, query);
      const edgeReply = await send(
        admin,
        'GET',
        `/api/swr/${EDGE_REGION}/v2/manage/namespaces?${query}`,
      );
      expectRejected(edgeReply, mark, `${EDGE_REGION} ${query}`);
    });
  }

  it('an unconfigured region is a 404 without any call', async () => {
    const mark = upstreamMark();
    const reply = await send(admin, 'GET', '/api/swr/eu-west-101/v2/manage/namespaces');
    expect(reply.status).toBe(404);
    expectNothingSent(mark, 'unknown region');
  });
});

describe('case 13: header and cookie smuggling to SWR', () => {
  /** Headers a hostile page or client adds, each with a value to look for upstream. */
  const SMUGGLED: Record<string, string> = {
    Authorization:
      'SDK-HMAC-SHA256 Access=BROWSERSMUGGLEDAK01, SignedHeaders=host;x-sdk-date, Signature=0badc0de0badc0de0badc0de0badc0de0badc0de0badc0de0badc0de0badc0de',
    'X-Security-Token': 'browser-smuggled-security-token',
    'X-Project-Id': 'fedcba9876543210fedcba9876543210',
    'X-Sdk-Date': '20000101T000000Z',
    'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD',
    'X-Forwarded-For': '203.0.113.77',
    'X-Forwarded-Host': 'smuggled.example',
    'X-Forwarded-Proto': 'gopher',
    'X-Forwarded-User': 'smuggled-admin',
    'X-Forwarded-Groups': 'swr-admins-smuggled',
    'X-Auth-Request-Groups': 'swr-admins-smuggled2',
    'X-Request-Id': 'browser-smuggled-request-id',
    'X-Real-Ip': '198.51.100.23',
    'User-Agent': 'browser-smuggled-agent/1.0',
    Accept: 'text/smuggled',
    'Accept-Language': 'xx-SMUGGLED',
  };
  const EXTRA_COOKIE = 'smuggled=browser-smuggled-cookie-value';
  /** Every header SWR may see, all of them made by the BFF. */
  const ALLOWED = new Set([
    'host',
    'connection',
    'content-type',
    'content-length',
    'accept',
    'user-agent',
    'authorization',
    'x-sdk-date',
    'x-project-id',
    'x-request-id',
    // Made by the BFF with a span id of its own (http/trace.ts; traces.test.ts).
    'traceparent',
  ]);

  function smuggle(method: string, path: string, body?: string) {
    const cookie = `${admin.browser.cookieHeader()}; ${EXTRA_COOKIE}`;
    return sendRaw(
      console_.stack.origin,
      method,
      path,
      {
        ...SMUGGLED,
        ...browserHeaders(admin, method),
        Cookie: cookie,
        Host: 'evil.example',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body,
    );
  }

  function expectOnlyBffHeaders(reply: GuardReply, from: number): void {
    const seen = edge.requests.slice(from);
    expect(seen).toHaveLength(1);
    const request = seen[0];
    if (request === undefined) return;
    const names = Object.keys(request.headers);
    expect(names.filter((name) => !ALLOWED.has(name))).toEqual([]);
    const values = JSON.stringify(request.headers);
    const sessionCookie = admin.browser.cookieHeader();
    for (const value of [...Object.values(SMUGGLED), EXTRA_COOKIE, sessionCookie, 'evil.example']) {
      expect(values, `a browser value reached SWR: ${value}`).not.toContain(value);
    }
    for (const cookieValue of admin.browser.cookies.values()) {
      expect(values).not.toContain(cookieValue);
      expect(values).not.toContain(decodeURIComponent(cookieValue));
    }
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['x-security-token']).toBeUndefined();
    expect(request.headers.host).toBe(edge.host);
    expect(request.headers['x-project-id']).toBe(EDGE_PROJECT_ID);
    expect(request.headers['user-agent']).toBe('swr-dashboard-bff');
    expect(request.headers['x-request-id']).toBe(reply.requestId);
    expect(request.headers.authorization).toMatch(
      new RegExp(
        `^SDK-HMAC-SHA256 Access=${CONSOLE_KEY.ak}, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
      ),
    );
    const verified = verifySignature({
      method: request.method,
      rawPath: request.rawPath,
      rawQuery: request.rawQuery,
      headers: request.headers,
      body: request.body,
      now: new Date(),
      lookup: (ak) => (ak === CONSOLE_KEY.ak ? { sk: CONSOLE_KEY.sk } : undefined),
    });
    expect(verified).toEqual({ ok: true, ak: CONSOLE_KEY.ak });
  }

  it('a read: SWR sees only the BFF-made headers, and the signature verifies with the console key', async () => {
    const from = edge.requests.length;
    edge.answer = () => ({ status: 200, body: '{"namespaces":[]}' });
    const reply = await smuggle(
      'GET',
      `/api/swr/${EDGE_REGION}/v2/manage/namespaces?namespace=pay`,
    );
    expect(reply.status, reply.text).toBe(200);
    expectOnlyBffHeaders(reply, from);
    expect(edge.requests.at(-1)?.rawQuery).toBe('filter=namespace%3A%3Apay');
  });

  it('a mutation with a body: the same, and the body is the validated one', async () => {
    const from = edge.requests.length;
    edge.answer = () => ({ status: 201 });
    const body = JSON.stringify({ repository: 'smuggle/app', is_public: false });
    const reply = await smuggle(
      'POST',
      `/api/swr/${EDGE_REGION}/v2/manage/namespaces/payments/repos`,
      body,
    );
    expect(reply.status, reply.text).toBe(201);
    expectOnlyBffHeaders(reply, from);
    expect(edge.requests.at(-1)?.body.toString('utf8')).toBe(body);
    edge.answer = () => ({ status: 200, body: '{"namespaces":[]}' });
  });

  it('the smuggled identity headers did not change who the user is (still a viewer)', async () => {
    const mark = upstreamMark();
    const reply = await sendRaw(
      console_.stack.origin,
      'POST',
      NS,
      {
        ...browserHeaders(viewer, 'POST'),
        ...SMUGGLED,
        'X-Forwarded-Groups': 'swr-admins',
        'X-Auth-Request-Groups': 'swr-admins',
        'Content-Type': 'application/json',
      },
      JSON.stringify({ namespace: 'smuggled-ns' }),
    );
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'forbidden', reason: 'role' });
    expectNothingSent(mark, 'viewer with smuggled groups');
  });
});

describe('case 15: mass assignment and prototype pollution', () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const BODIES: readonly [string, string, string, string][] = [
    [
      'createRepo with a namespace field',
      'POST',
      `${NS}/payments/repos`,
      '{"repository":"mass/app","is_public":false,"namespace":"platform"}',
    ],
    [
      'createRepo with domain_id and auth',
      'POST',
      `${NS}/payments/repos`,
      '{"repository":"mass/app","is_public":true,"domain_id":"0123","auth":7}',
    ],
    [
      'updateRepo with is_public and an owner',
      'PATCH',
      `${NS}/payments/repos/payment-gateway`,
      '{"is_public":true,"creator_name":"mallory"}',
    ],
    [
      'createNamespace with __proto__',
      'POST',
      NS,
      '{"namespace":"polluted","__proto__":{"role":"admin","polluted":true}}',
    ],
    ['a bare __proto__ body', 'POST', NS, '{"__proto__":{"role":"admin"}}'],
    [
      'constructor.prototype',
      'POST',
      NS,
      '{"namespace":"polluted","constructor":{"prototype":{"role":"admin","polluted":true}}}',
    ],
    [
      '__proto__ inside an array item',
      'POST',
      `${NS}/payments/access`,
      '[{"user_id":"u1","user_name":"n1","auth":1,"__proto__":{"role":"admin"}}]',
    ],
    [
      '__proto__ inside a nested rule',
      'POST',
      `${NS}/payments/repos/payment-gateway/retentions`,
      '{"algorithm":"or","rules":[{"template":"tag_rule","params":{"num":"5","__proto__":{"x":1}},"tag_selectors":[]}]}',
    ],
    [
      'a trigger with an extra field',
      'PATCH',
      `${NS}/payments/repos/payment-gateway/triggers/deploy-prod`,
      '{"enable":"false","cluster_id":"elsewhere"}',
    ],
  ];

  for (const [label, method, path, body] of BODIES) {
    it(`${label} → 400, nothing sent, Object.prototype unchanged`, async () => {
      const mark = upstreamMark();
      const reply = await send(admin, method, path, body);
      expectRejected(reply, mark, label);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      const probe: Record<string, unknown> = {};
      expect(probe.role).toBeUndefined();
      expect(probe.polluted).toBeUndefined();
      expect(probe.x).toBeUndefined();
    });
  }

  it("a viewer's polluting body is refused, and the viewer is still a viewer", async () => {
    const mark = upstreamMark();
    const reply = await send(viewer, 'POST', NS, '{"__proto__":{"role":"admin"},"namespace":"x"}');
    expect(reply.status).toBe(400);
    expectNothingSent(mark, 'viewer pollution');
    const me = await viewer.browser.get('/api/me');
    expect(me.json).toMatchObject({ user: { role: 'viewer' } });
    const error = await failureOf(
      viewer.client.createNamespace({ body: { namespace: 'x-after' } }),
    );
    expect({ status: error.status, reason: error.reason }).toEqual({ status: 403, reason: 'role' });
    expectNothingSent(mark, 'viewer after pollution');
  });
});

describe('case 8: an operator at admin-only functions', () => {
  it('namespace delete → 403 role, nothing sent, authz.denied', async () => {
    const mark = upstreamMark();
    const error = await failureOf(
      operator.client.deleteNamespaces({ params: { namespace: 'legacy-apps' } }),
    );
    expect({ status: error.status, code: error.code, reason: error.reason }).toEqual({
      status: 403,
      code: 'forbidden',
      reason: 'role',
    });
    expectNothingSent(mark, 'operator deleteNamespaces');
    expect(auditRecordsFor(console_.stack, error.requestId)).toMatchObject([
      {
        event: 'authz.denied',
        outcome: 'denied',
        httpStatus: 403,
        actor: { sub: ROLE_ACCOUNTS.operator.id, role: 'operator' },
        resource: { type: 'namespace', namespace: 'legacy-apps' },
      },
    ]);
  });

  for (const path of ['/api/audit', '/api/audit.csv']) {
    it(`GET ${path} → 403, audited as authz.denied`, async () => {
      const mark = upstreamMark();
      const reply = await send(operator, 'GET', path);
      expect(reply.status).toBe(403);
      expect(reply.json).toMatchObject({ code: 'forbidden', reason: 'role' });
      expect(reply.text).not.toContain('authz.denied');
      expectNothingSent(mark, path);
      expect(auditRecordsFor(console_.stack, reply.requestId)).toMatchObject([
        {
          event: 'authz.denied',
          outcome: 'denied',
          httpStatus: 403,
          actor: { sub: ROLE_ACCOUNTS.operator.id, role: 'operator' },
          request: { route: path },
        },
      ]);
    });
  }
});
