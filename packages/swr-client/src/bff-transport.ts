/**
 * The web app's transport: each request goes to the console's BFF, which signs it. Browser-safe
 * (no Node modules), so it lives apart from the signed transport.
 */
import { formatQueryString } from './contract/query';
import type { Transport } from './transport';

export interface BffTransportOptions {
  /** The region whose SWR the BFF should call, e.g. `cn-north-4`. */
  region: string;
  /** Where the BFF is; default the page's own origin (`''`). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra headers (tests add cookies; a browser sends them by itself). */
  headers?: Record<string, string>;
}

/**
 * Sends each request to the console's BFF (`/api/swr/<region>/<SWR path>`), which signs it. Adds
 * the `X-CSRF: 1` header the BFF requires; never follows redirects (the BFF marks every answer
 * `Cache-Control: no-store`).
 */
export function createBffTransport(options: BffTransportOptions): Transport {
  const send = options.fetch ?? fetch;
  const base = `${options.baseUrl ?? ''}/api/swr/${encodeURIComponent(options.region)}`;
  return async (request) => {
    const queryString = formatQueryString(request.query);
    const headers = new Headers(options.headers);
    headers.set('X-CSRF', '1');
    headers.set('Accept', 'application/json');
    if (request.body !== undefined) headers.set('Content-Type', 'application/json');
    const init: RequestInit = {
      method: request.method,
      headers,
      redirect: 'manual',
      credentials: 'same-origin',
      signal: request.signal,
    };
    if (request.body !== undefined) init.body = request.body;
    const url = `${base}${request.path}${queryString === '' ? '' : `?${queryString}`}`;
    const response = await send(url, init);
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
}
