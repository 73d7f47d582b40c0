/**
 * `/emulator/faults`: the emulator-only endpoint that sets faults at run time, on each region's
 * port for that region. Signed like every other call, and never subject to faults itself.
 * `GET` lists, `PUT {faults: [...]}` replaces, `POST {...}` adds one, `DELETE` clears.
 */
import { z } from 'zod';
import type { ApiResponse } from '../api/execute';
import { failureResponse } from '../api/execute';
import { SwrFailure } from '../api/failure';
import { FaultInputError, type FaultRegistry } from './registry';
import type { FaultInput } from './schema';

export const FAULTS_PATH = '/emulator/faults';

/** The envelope of `PUT`; each fault is checked by the registry. */
const putBody = z.strictObject({ faults: z.array(z.unknown()) });

function listed(registry: FaultRegistry, region: string, status = 200): ApiResponse {
  return { status, body: { faults: registry.list(region) }, headers: {} };
}

export function runFaultsRoute(
  registry: FaultRegistry,
  region: string,
  method: string,
  body: unknown,
): ApiResponse {
  try {
    switch (method) {
      case 'GET':
        return listed(registry, region);
      case 'PUT': {
        const parsed = putBody.safeParse(body);
        if (!parsed.success) throw new FaultInputError('the body must be {"faults": [...]}');
        // The registry validates every fault; the cast only names what it will check.
        registry.set(region, parsed.data.faults as FaultInput[]);
        return listed(registry, region);
      }
      case 'POST':
        registry.add(region, body as FaultInput);
        return listed(registry, region, 201);
      case 'DELETE':
        registry.clear(region);
        return { status: 204, body: undefined, headers: {} };
      default:
        return failureResponse(new SwrFailure('urlNotFound', `${method} ${FAULTS_PATH}`));
    }
  } catch (error) {
    if (error instanceof FaultInputError) {
      return failureResponse(new SwrFailure('invalidParam', error.message));
    }
    throw error;
  }
}
