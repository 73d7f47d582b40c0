/**
 * Registers a route from the contract's entry for it (`@swr-dashboard/swr-client`'s BFF API), so
 * the method and path the BFF serves are the ones the web app calls. Every route of the BFF is
 * registered through here (lint refuses `router.get('/path', …)`).
 */
import { pathUnder, type BffEndpoint } from '@swr-dashboard/swr-client';
import type { RequestHandler, Router } from 'express';

/** Where a router is mounted: the app itself, `/api` or `/auth`. */
export type Mount = '' | '/api' | '/auth';

export function serve(
  router: Router,
  mount: Mount,
  endpoint: BffEndpoint,
  ...handlers: RequestHandler[]
): void {
  const path = pathUnder(endpoint, mount);
  // The route, as the metrics name it: the contract's path, never the one a client wrote.
  const labelled: RequestHandler[] = [
    (req, _res, next) => {
      req.routeLabel = endpoint.path;
      next();
    },
    ...handlers,
  ];
  if (endpoint.method === 'GET') router.get(path, ...labelled);
  else if (endpoint.method === 'POST') router.post(path, ...labelled);
  else router.delete(path, ...labelled);
}
