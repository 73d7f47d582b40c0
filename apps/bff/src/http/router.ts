/**
 * Every router of the BFF matches paths exactly: case-sensitive, and a trailing `/` is another
 * path. One spelling per route means one place that checks it; `/api/SWR/…` is a 404, not a way
 * around a limit keyed by a URL.
 */
import express, { type Router } from 'express';

export function strictRouter(): Router {
  return express.Router({ caseSensitive: true, strict: true });
}
