/**
 * A stand-in for one SWR region endpoint at the network edge: a loopback HTTP server that records
 * every request exactly as it arrived (method, raw path and query, headers, body) and answers
 * what the test tells it to; it forwards nothing anywhere. Point a region at it with
 * `SWR_REGIONS` + `SWR_ENDPOINT_<REGION>`.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface EndpointAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface RecordingEndpoint {
  url: string;
  /** `127.0.0.1:<port>`, what a correct `Host` header holds. */
  host: string;
  requests: RecordedRequest[];
  /** What the next requests get; by default 200 `{"namespaces":[]}`. */
  answer: (request: RecordedRequest) => EndpointAnswer;
  close(): Promise<void>;
}

let counter = 0;

export async function startRecordingEndpoint(): Promise<RecordingEndpoint> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint: RecordingEndpoint = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests: [],
    answer: () => ({ status: 200, body: '{"namespaces":[]}' }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const at = url.indexOf('?');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        rawPath: at < 0 ? url : url.slice(0, at),
        rawQuery: at < 0 ? '' : url.slice(at + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      endpoint.requests.push(recorded);
      const answer = endpoint.answer(recorded);
      counter += 1;
      const body = answer.body ?? '';
      res.writeHead(answer.status, {
        'X-Request-Id': `recorded-${String(counter).padStart(6, '0')}`,
        ...(body === '' ? {} : { 'Content-Type': 'application/json;charset=utf-8' }),
        'Content-Length': String(Buffer.byteLength(body)),
        ...answer.headers,
      });
      res.end(body);
    });
  });
  return endpoint;
}
