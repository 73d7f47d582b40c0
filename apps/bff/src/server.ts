/**
 * Listening, and stopping well: on SIGTERM the server stops taking connections, lets requests in
 * flight finish (up to a deadline), closes its stores and exits 0.
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bff } from './bff';

/** The answers each server is writing now, so a shutdown can end their connections after them. */
const inFlight = new WeakMap<Server, Set<ServerResponse>>();

export function listen(bff: Bff, port = bff.config.port, host = bff.config.host): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = bff.app.listen(port, host, (error?: Error) => {
      if (error !== undefined) reject(error);
      else resolve(server);
    });
    const responses = new Set<ServerResponse>();
    inFlight.set(server, responses);
    server.on('request', (_req, res: ServerResponse) => {
      responses.add(res);
      res.once('close', () => {
        responses.delete(res);
      });
    });
  });
}

export function addressOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Stops accepting, waits for requests in flight (at most `deadlineMs`), then closes the BFF. A
 * keep-alive connection would hold `server.close()` open until it idles out, so each answer in
 * flight is its connection's last (`Connection: close`), and idle connections are closed as
 * soon as they become idle. At the deadline, every connection left is cut.
 */
export async function shutdown(
  server: Server,
  bff: Bff,
  deadlineMs = bff.config.shutdownTimeoutMs,
): Promise<void> {
  const started = performance.now();
  const closed = new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  const responses = inFlight.get(server) ?? new Set<ServerResponse>();
  for (const res of responses) {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      setImmediate(() => {
        server.closeIdleConnections();
      });
    });
  }
  server.closeIdleConnections();
  bff.logger.info(
    { inFlight: responses.size, deadlineMs },
    'no longer accepting connections; finishing the requests in flight',
  );
  const deadline = setTimeout(() => {
    bff.logger.warn(
      { inFlight: responses.size },
      'shutdown deadline reached: cutting the connections left',
    );
    server.closeAllConnections();
  }, deadlineMs);
  deadline.unref();
  await closed;
  clearTimeout(deadline);
  await bff.close();
  bff.logger.info(
    { durationMs: Math.round(performance.now() - started) },
    'stopped: stores closed',
  );
}
