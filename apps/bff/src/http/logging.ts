/**
 * Application logs (pino): one JSON line per request with its id, never a header, a cookie or a
 * credential. The request and response serializers name only safe fields; redaction covers the
 * rest as a second line of defence.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'swr-bff' } },
    destination,
  );
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

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // The BFF always makes its own id (the client's is kept apart: clientRequestIdOf).
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        // Paths carry organization and repository names; queries may carry search text.
        path: req.url.split('?')[0],
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
