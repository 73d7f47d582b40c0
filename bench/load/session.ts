/**
 * One simulated user's browser session against the BFF: its own cookie jar, `X-CSRF: 1` on every
 * call and `Origin` on every change (as the console's SPA sends them), a request id of its own
 * on each call (the BFF keeps a well-formed `X-Request-Id`, so a call whose answer is lost can
 * still be found in the audit trail), a deadline per call, and one sample per call.
 */
import { randomUUID } from 'node:crypto';

export interface Sample {
  user: string;
  method: string;
  /** The operation or route, e.g. `createRepo`, `GET /api/me`. */
  op: string;
  /** 0: no answer (connection refused or reset, deadline passed). */
  status: number;
  /** The BFF's error code, for answers in its error shape. */
  code: string | undefined;
  /** Whether a 4xx/5xx answer had the BFF's error shape `{code, message, requestId}`. */
  errorShape: boolean;
  /** The `upstream` part of an error answer, if any. */
  upstream: unknown;
  requestId: string;
  /** Milliseconds since the run started, when the call was sent. */
  at: number;
  latencyMs: number;
  /** Whether the call is a change (audited before it is sent). */
  mutation: boolean;
}

export interface Answer {
  status: number;
  json: unknown;
  sample: Sample;
}

const DEADLINE_MS = 20_000;

export class LoadSession {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly user: string,
    private readonly origin: () => string,
    private readonly startedAt: number,
    private readonly record: (sample: Sample) => void,
    private readonly inFlight: (mutation: boolean, delta: 1 | -1) => void = () => undefined,
  ) {}

  /** Takes cookies a sign-in elsewhere got (an OIDC sign-in driven by another client). */
  adoptCookies(cookies: Iterable<[string, string]>): void {
    for (const [name, value] of cookies) this.cookies.set(name, value);
  }

  async call(
    method: string,
    path: string,
    op: string,
    options: { json?: unknown; mutation?: boolean } = {},
  ): Promise<Answer> {
    const requestId = randomUUID();
    const headers: Record<string, string> = { 'X-CSRF': '1', 'X-Request-Id': requestId };
    if (method !== 'GET') headers.Origin = this.origin();
    if (this.cookies.size > 0) {
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    const mutation = options.mutation ?? method !== 'GET';
    const sent = performance.now();
    let status: number;
    let json: unknown;
    this.inFlight(mutation, 1);
    try {
      const response = await fetch(`${this.origin()}${path}`, {
        method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(DEADLINE_MS),
        ...(body === undefined ? {} : { body }),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const pair = cookie.split(';')[0] ?? '';
        const at = pair.indexOf('=');
        if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const text = await response.text();
      status = response.status;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
    } catch {
      status = 0;
    } finally {
      this.inFlight(mutation, -1);
    }
    const error = errorFields(json);
    const sample: Sample = {
      user: this.user,
      method,
      op,
      status,
      code: status >= 400 ? error.code : undefined,
      errorShape: status >= 400 && error.shaped,
      upstream: status >= 400 ? error.upstream : undefined,
      requestId,
      at: sent - this.startedAt,
      latencyMs: performance.now() - sent,
      mutation,
    };
    this.record(sample);
    return { status, json, sample };
  }
}

function errorFields(json: unknown): { shaped: boolean; code?: string; upstream?: unknown } {
  if (typeof json !== 'object' || json === null) return { shaped: false };
  const body = json as Record<string, unknown>;
  const shaped =
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    typeof body.requestId === 'string';
  return {
    shaped,
    ...(typeof body.code === 'string' ? { code: body.code } : {}),
    ...(body.upstream === undefined ? {} : { upstream: body.upstream }),
  };
}
