/**
 * Application logs (pino): one JSON line per request with its id, never a header, a cookie or a
 * credential. The request and response serializers name only safe fields; redaction covers the
 * rest as a second line of defence. They go to standard output (stdoutDestination), and stop,
 * said once on stderr, when nobody reads it any more.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { clipped } from './clip';

const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-forwarded-access-token"]',
  'req.headers["x-auth-request-access-token"]',
  'res.headers["set-cookie"]',
  'res.headers["x-swr-dockerlogin"]',
  '*.password',
  '*.secret',
  '*.sk',
  '*.ak',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.idToken',
  '*.securityToken',
  '*.clientSecret',
  '*.authorization',
];

export function createLogger(
  level: string,
  destination: pino.DestinationStream = stdoutDestination(),
): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'swr-bff' } },
    destination,
  );
}

/**
 * Standard output (fd 1) as the logs' destination, written synchronously, that stops for good at
 * the first error writing to it (EPIPE: the reader went away, e.g. `pnpm start` was stopped or a
 * log collector died; EBADF: no stdout) and says so once on stderr, if that is still open.
 *
 * Why not pino's default destination: it is sonic-boom in asynchronous mode, and pino flushes it
 * with `flushSync()` in a process 'exit' handler. sonic-boom's `flushSync` (4.2) sleeps 100 ms
 * and writes again after any write error, EPIPE included, for ever; a reader that went away
 * before the stop's lines were written turned the BFF's stop into a process stuck in that loop,
 * deaf to SIGTERM (its event loop never turns again). pino's own EPIPE filter only sees
 * errors of writes that completed asynchronously, never that one. Synchronous writes hold nothing
 * to flush at exit (the last lines are written, or known lost, before `process.exit`), and each
 * write's error reaches this destination's 'error' listener on the spot. While the reader is alive
 * but slow, a write waits for it (sonic-boom retries EAGAIN): the logs keep their order and none is
 * dropped.
 */
export function stdoutDestination(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: true });
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    toStderr(
      `swr-bff: standard output cannot be written (${error.code ?? error.message}): logging stopped`,
    );
  });
  return {
    write(line: string) {
      if (open) stream.write(line);
    },
  };
}

/** One line on stderr if it can be written; never throws. */
function toStderr(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // stderr is gone too: nobody is left to tell
  }
}

const REQUEST_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-HJKMNP-TV-Z]{26})$/i;

/**
 * The `X-Request-Id` a client sent, when it is one well-formed id (UUID or ULID). The BFF keeps it
 * in the request's audit record beside its own id, and never uses it as its own: a client could
 * reuse one to blur the trail, or make two requests look like one upstream.
 */
export function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : undefined;
}

function traceIdOf(req: IncomingMessage): string | undefined {
  return (req as Partial<Request>).trace?.traceId;
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // The BFF always makes its own id (the client's is kept apart: clientRequestIdOf).
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Probes and scrapes are not logged, whatever their query: a poller would drown the log.
    autoLogging: {
      ignore: (req) => /^\/(?:healthz|readyz|metrics)(?:[/?]|$)/.test(req.url ?? ''),
    },
    // The request's trace (http/trace.ts), set before this logger runs, on its line. Not as
    // `customProps`: that makes a child logger per request, and serialises the trace twice more.
    customSuccessObject: (req, _res, line: object) => ({ ...line, traceId: traceIdOf(req) }),
    customErrorObject: (req, _res, _error, line: object) => ({ ...line, traceId: traceIdOf(req) }),
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        // Paths carry organization and repository names; queries may carry search text. A
        // path is what a client wrote: cut to a bounded length, as in audit records.
        path: clipped(req.url.split('?')[0] ?? ''),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error !== undefined || res.statusCode >= 500
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : 'info',
  });
}
