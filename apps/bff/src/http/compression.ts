/**
 * Compression of what the BFF sends, negotiated with `Accept-Encoding` (RFC 9110 §12.5.3):
 * brotli or gzip, whichever the client weighs higher, brotli on a tie.
 *
 * Two uses, with different costs:
 * - the web app's files (http/spa.ts) are compressed once, at the highest settings, and kept;
 * - JSON answers of the API of at least `API_MIN_BYTES` are compressed per answer, at cheap
 *   settings, on libuv's thread pool (the event loop never waits on zlib). Measured on a page of
 *   100 tags (132 KiB, 2 cores): brotli quality 3 takes 0.6–0.7 ms of CPU for 23 KiB, gzip level
 *   1 (nginx's default) 0.7–0.9 ms for 26 KiB, so the answer crosses a slow link five times
 *   faster. Quality 4 (a common choice for dynamic content) is hardly smaller on these answers
 *   (1–7%) and costs 1–5 ms a call here (larger tables: its CPU swings with the machine's load);
 *   quality 1 costs half of quality 3 but is 15–25% larger on varied JSON (audit records).
 *   Below 1 KiB an answer fits in one packet and compression buys nothing.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';

export type Encoding = 'br' | 'gzip';

/** On a tie the first wins: brotli is smaller than gzip for the same CPU. */
const SERVER_PREFERENCE: readonly Encoding[] = ['br', 'gzip'];

export const API_MIN_BYTES = 1024;

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The encoding to send, or undefined for none (identity). No header means identity only, as
 * browsers and HTTP clients that want compression always send one; `q=0` refuses a coding, `*`
 * stands for every coding not named.
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((piece) => piece.trim());
      if (key?.toLowerCase() === 'q')
        q = value !== undefined && QVALUE.test(value) ? Number(value) : 0;
    }
    const coding = name.toLowerCase() === 'x-gzip' ? 'gzip' : name.toLowerCase();
    weights.set(coding, Math.max(weights.get(coding) ?? 0, q));
  }
  let best: Encoding | undefined;
  let bestQ = 0;
  for (const encoding of SERVER_PREFERENCE) {
    const q = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Brotli's window: no larger than the input needs (less memory per call), within its limits. */
function brotliWindow(size: number): number {
  return Math.min(
    zlib.constants.BROTLI_MAX_WINDOW_BITS,
    Math.max(16, Math.ceil(Math.log2(size + 1))),
  );
}

/**
 * `body` compressed with `encoding`. `best`: the smallest result whatever it costs (files,
 * compressed once); otherwise the settings for answers compressed one by one.
 */
export function compress(body: Buffer, encoding: Encoding, best: boolean): Promise<Buffer> {
  // One output chunk as large as the input: one trip to the thread pool instead of one per 16 KiB
  // (about half the CPU of a 132 KiB answer).
  const chunkSize = Math.min(Math.max(body.length, 64 * 1024), 4 * 1024 * 1024);
  if (encoding === 'gzip') return gzip(body, { level: best ? 9 : 1, chunkSize });
  return brotli(body, {
    chunkSize,
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: best ? 11 : 3,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [zlib.constants.BROTLI_PARAM_LGWIN]: brotliWindow(body.length),
    },
  });
}

/** Adds `Accept-Encoding` to the answer's `Vary`, once. */
export function varyOnEncoding(res: Response): void {
  const vary = res.getHeader('Vary');
  const current = typeof vary === 'string' ? vary : Array.isArray(vary) ? vary.join(', ') : '';
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(current))
    res.setHeader('Vary', current === '' ? 'Accept-Encoding' : `${current}, Accept-Encoding`);
}

/**
 * Sends a JSON answer (its bytes, or a value to serialise), compressed when the client accepts
 * it and the answer is at least `API_MIN_BYTES`. No ETag: API answers are `no-store`.
 */
export async function sendJson(
  req: Request,
  res: Response,
  status: number,
  json: unknown,
): Promise<void> {
  const body = Buffer.isBuffer(json) ? json : Buffer.from(JSON.stringify(json));
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  varyOnEncoding(res);
  const encoding =
    body.length >= API_MIN_BYTES ? negotiateEncoding(req.get('accept-encoding')) : undefined;
  const sent = encoding === undefined ? body : await compress(body, encoding, false);
  if (encoding !== undefined) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(sent.length));
  res.end(sent);
}
