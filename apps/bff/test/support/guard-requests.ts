/**
 * Requests the guard tests send exactly as written: `node:http` with the raw path (fetch would
 * normalize dot segments and encodings before sending), and raw bytes over TCP for what
 * `node:http` refuses to send (an absolute-form request target, non-ASCII bytes in the path).
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface GuardReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
  /** The BFF's request id (its `X-Request-Id` answer header). */
  requestId: string | undefined;
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends `method path` to `origin` with exactly these headers and body. */
export function sendRaw(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<GuardReply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers:
          body === undefined
            ? headers
            : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const id = res.headers['x-request-id'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: parseJson(text),
            requestId: typeof id === 'string' ? id : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes `head` (the request line and headers, CRLF-separated, no final blank line) raw. */
export function sendOverSocket(origin: string, head: string): Promise<GuardReply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const headText = split < 0 ? raw : raw.slice(0, split);
      const text = split < 0 ? '' : raw.slice(split + 4);
      const [statusLine = '', ...lines] = headText.split('\r\n');
      const headers: IncomingHttpHeaders = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      const id = headers['x-request-id'];
      const encoding = headers['transfer-encoding'];
      const chunked = typeof encoding === 'string' && /chunked/i.test(encoding);
      const bodyText = chunked ? dechunk(text) : text;
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
        headers,
        text: bodyText,
        json: parseJson(bodyText),
        requestId: typeof id === 'string' ? id : undefined,
      });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n`, 'latin1');
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const at = rest.indexOf('\r\n');
    if (at < 0) return out;
    const size = Number.parseInt(rest.slice(0, at), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(at + 2, at + 2 + size);
    rest = rest.slice(at + 2 + size + 2);
  }
}
