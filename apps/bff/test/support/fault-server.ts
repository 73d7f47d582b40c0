/**
 * A misbehaving SWR endpoint on loopback (the network edge, not our modules): tests point one
 * region at it with `SWR_ENDPOINT_<REGION>` and script what it does to the next requests —
 * answer with any status, headers and body; reset the connection once the request has arrived;
 * never answer; send headers and part of a body, then stall; stream a body of any size; or be
 * down altogether. Every request that reaches it is recorded (method, path, headers, body, time).
 * Unscripted requests get healthy SWR answers.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the whole request had arrived. */
  at: number;
}

export type Fault =
  /** Answers with this; `X-Request-Id: fault-req-<n>` for the n-th request since `reset()`. */
  | { kind: 'reply'; status: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Reads the whole request, then drops the connection without a byte of answer. */
  | { kind: 'reset' }
  /** Reads the whole request and never answers. */
  | { kind: 'hang' }
  /** Sends the status line, headers and the start of a body, then nothing more. */
  | { kind: 'stall'; status: number; partialBody: string }
  /** Streams a 200 JSON-typed body of `bytes` bytes. */
  | { kind: 'huge'; bytes: number };

export interface FaultServer {
  origin: string;
  requests: FaultRequest[];
  /** Scripts the next requests, in order; later requests get `fallback`. */
  queue(...faults: Fault[]): void;
  /** What unscripted requests get; healthy SWR answers unless replaced. */
  fallback: (request: FaultRequest) => Fault;
  /** While down, every connection is dropped at once (requests are not recorded). */
  setDown(down: boolean): void;
  /** Resolves once `count` requests in all have arrived (an event, not a timer). */
  waitForRequests(count: number): Promise<FaultRequest[]>;
  /** Forgets the recorded requests and any faults still queued; answer ids restart at 1. */
  reset(): void;
  close(): Promise<void>;
}

export const FAULT_NAMESPACE = {
  id: 4711,
  name: 'fault-ns',
  creator_name: 'fault-owner',
  auth: 7,
};

/** An SWR error body as SWR sends it. */
export function swrError(code: string, message: string): string {
  return JSON.stringify({ errorCode: code, errorMessage: message });
}

/** Healthy answers for the few operations the tests call on a fault region. */
export function healthyAnswer(request: FaultRequest): Fault {
  if (request.method === 'GET' && request.path === '/') {
    return {
      kind: 'reply',
      status: 200,
      body: JSON.stringify({
        versions: [
          {
            id: 'v2',
            links: { href: 'http://fault.example/v2/', rel: 'self' },
            version: '2.0',
            status: 'CURRENT',
            updated: '2024-01-01T00:00:00Z',
            min_version: '2.0',
          },
        ],
      }),
    };
  }
  if (request.method === 'GET' && request.path === '/v2/manage/namespaces') {
    return { kind: 'reply', status: 200, body: JSON.stringify({ namespaces: [FAULT_NAMESPACE] }) };
  }
  if (request.method === 'POST' && /^\/v2\/manage\/namespaces\/[^/]+\/repos$/.test(request.path)) {
    return { kind: 'reply', status: 201 };
  }
  return {
    kind: 'reply',
    status: 404,
    body: swrError('SVCSTG.SWR.4040083', 'URL not found'),
  };
}

function streamBody(res: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const size = Math.min(left, chunk.length);
      left -= size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

export async function startFaultServer(): Promise<FaultServer> {
  const requests: FaultRequest[] = [];
  const scripted: Fault[] = [];
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: (requests: FaultRequest[]) => void }[] = [];
  let down = false;
  let served = 0;

  const server = createServer((req, res) => {
    // A client that gives up (timeout, size cap) closes the socket mid-answer: not an error here.
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    req.on('end', () => {
      const url = req.url ?? '/';
      const request: FaultRequest = {
        method: req.method ?? 'GET',
        url,
        path: url.split('?')[0] ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      requests.push(request);
      for (const waiter of [...waiters]) {
        if (requests.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve([...requests]);
        }
      }
      const fault = scripted.shift() ?? faults.fallback(request);
      served += 1;
      const requestId = `fault-req-${served}`;
      switch (fault.kind) {
        case 'reply': {
          const body = fault.body ?? '';
          res.writeHead(fault.status, {
            'X-Request-Id': requestId,
            ...(body.length === 0 ? {} : { 'Content-Type': 'application/json;charset=utf-8' }),
            'Content-Length': String(Buffer.byteLength(body)),
            ...fault.headers,
          });
          res.end(body);
          break;
        }
        case 'reset':
          req.socket.destroy();
          break;
        case 'hang':
          break;
        case 'stall':
          res.writeHead(fault.status, {
            'X-Request-Id': requestId,
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(fault.partialBody) + 1024),
          });
          res.write(fault.partialBody);
          break;
        case 'huge':
          res.writeHead(200, {
            'X-Request-Id': requestId,
            'Content-Type': 'application/json',
          });
          streamBody(res, fault.bytes);
          break;
      }
    });
  });
  server.on('connection', (socket) => {
    if (down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const faults: FaultServer = {
    origin,
    requests,
    fallback: healthyAnswer,
    queue(...more) {
      scripted.push(...more);
    },
    setDown(value) {
      down = value;
      if (value) {
        for (const socket of sockets) socket.destroy();
      }
    },
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve([...requests]);
      return new Promise((resolve) => {
        waiters.push({ count, resolve });
      });
    },
    reset() {
      requests.length = 0;
      scripted.length = 0;
      served = 0;
      faults.fallback = healthyAnswer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
  return faults;
}
