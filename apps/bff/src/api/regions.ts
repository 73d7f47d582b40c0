/** `/api/regions`: the regions this console is configured for. */
import type { RequestHandler } from 'express';
import type { BffConfig } from '../config/schema';

export function regionsHandler(config: BffConfig): RequestHandler {
  return (_req, res) => {
    res.json({ regions: config.regions.map((region) => ({ id: region.id })) });
  };
}
