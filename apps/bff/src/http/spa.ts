/**
 * Serving the built web app from the BFF's own origin (no CORS, one CSP): hashed assets are
 * cached for a year, `index.html` is revalidated every time, and any other GET that is not an
 * API or sign-in route gets `index.html`, so the SPA's routes can be linked and reloaded.
 */
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

const NOT_SPA = /^\/(?:api|auth)(?:\/|$)|^\/(?:healthz|readyz)$/;

export function spaRouter(root: string): Router {
  const router = express.Router();
  router.use(
    '/assets',
    express.static(join(root, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.use(
    express.static(root, {
      index: false,
      setHeaders: (res) => {
        res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  const index: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_SPA.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(root, 'index.html'));
  };
  router.use(index);
  return router;
}
