/**
 * Listening, and stopping well: on SIGTERM the server stops taking connections, lets requests in
 * flight finish (up to a deadline), closes its stores and exits 0.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bff } from './bff';

export function listen(bff: Bff, port = bff.config.port, host = bff.config.host): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = bff.app.listen(port, host, (error?: Error) => {
      if (error !== undefined) reject(error);
      else resolve(server);
    });
  });
}

export function addressOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Stops accepting, waits for requests in flight (at most `deadlineMs`), then closes the BFF. */
export async function shutdown(server: Server, bff: Bff, deadlineMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  server.closeIdleConnections();
  const deadline = setTimeout(() => {
    server.closeAllConnections();
  }, deadlineMs);
  deadline.unref();
  await closed;
  clearTimeout(deadline);
  await bff.close();
}
