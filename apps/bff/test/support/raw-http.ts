/**
 * Requests as an attacker or an odd client sends them, with nothing added: `node:http` with the
 * exact path, headers and body given (no Origin, no normalization of the path, no cookies unless
 * given), optionally from another loopback address; and raw bytes over TCP for what `node:http`
 * refuses to send.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body exactly as received (not decompressed). */
  bytes: Buffer;
  text: string;
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's address, e.g. `127.0.0.7`, to be another client as far as the BFF knows. */
  localAddress?: string;
}

let clients = 0;

/**
 * A loopback address no other request of this test process came from (127.1.x.y): another
 * client as far as the BFF knows, with its own per-address limits and its own first refusal on
 * record (anonymous refusals after the first in a minute are only counted).
 */
export function newClientAddress(): string {
  clients += 1;
  return `127.1.${Math.floor(clients / 250) % 250}.${(clients % 250) + 1}`;
}

export function rawRequest(origin: string, options: RawRequest): Promise<RawReply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          ...options.headers,
          ...(options.body === undefined
            ? {}
            : { 'Content-Length': String(Buffer.byteLength(options.body)) }),
        },
        agent: false,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends `bytes` over a fresh TCP connection and returns everything received until it closes (a
 * reset after the answer, e.g. while the rest of an oversized request is still being written,
 * ends the exchange like a close).
 */
export function rawExchange(origin: string, bytes: string): Promise<string> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
      socket.write(bytes);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}
