/**
 * The BFF's own endpoints as data, like the SWR operations: each has a method, a path (with
 * `:name` parameters) and the schemas of what it takes and answers. The BFF registers its routes
 * from these entries and the web app calls them through one client, so a path or a shape is
 * written once.
 */
import type { z } from '../zod';

export type BffMethod = 'GET' | 'POST' | 'DELETE';

/**
 * What an endpoint answers: JSON checked by a schema, a file (`text`: the audit CSV), or a
 * redirect the browser follows (sign-in), which a script never reads.
 */
export type BffAnswer = z.core.$ZodType | 'text' | 'redirect';

export interface BffEndpoint {
  readonly method: BffMethod;
  /** From the origin: `/api/me`, `/api/directory/:region/clusters`. */
  readonly path: string;
  /** The query string it reads, as a schema over its fields (values arrive as strings). */
  readonly query?: z.core.$ZodType;
  /** The JSON body it reads. */
  readonly body?: z.core.$ZodType;
  readonly answer: BffAnswer;
  /** A `text` answer's media type (`text/csv`), as its `Content-Type` names it. */
  readonly mediaType?: string;
}

/** Declares an endpoint, keeping its path as a literal type (so its parameters are typed). */
export function bffEndpoint<const E extends BffEndpoint>(endpoint: E): E {
  return endpoint;
}

/** The `:name` parameters of a path, as a union of names. */
type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type ParamsPart<E extends BffEndpoint> = [ParamNames<E['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<E['path']>, string> };
type QueryPart<E extends BffEndpoint> = E['query'] extends z.core.$ZodType
  ? { query?: z.input<E['query']> }
  : { query?: undefined };
type BodyPart<E extends BffEndpoint> = E['body'] extends z.core.$ZodType
  ? { body: z.input<E['body']> }
  : { body?: undefined };

/** What a call of the endpoint passes: its path parameters, query and body, each typed. */
export type BffInput<E extends BffEndpoint> = ParamsPart<E> & QueryPart<E> & BodyPart<E>;

/** What a call of a JSON endpoint gets back. */
export type BffOutput<E extends BffEndpoint> = E['answer'] extends z.core.$ZodType
  ? z.output<E['answer']>
  : never;

/** The endpoint's address for one call: parameters filled in, empty query values left out. */
export function bffUrl<E extends BffEndpoint>(endpoint: E, input: BffInput<E>): string {
  const { params = {}, query: fields = {} } = input as {
    params?: Record<string, string | undefined>;
    query?: Record<string, unknown>;
  };
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${endpoint.path} needs ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'number' || typeof value === 'boolean') query.set(name, String(value));
    else if (typeof value === 'string' && value !== '') query.set(name, value);
  }
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** The path a router mounted at `mount` (`/api`, `/auth`) registers the endpoint under. */
export function pathUnder(endpoint: BffEndpoint, mount: string): string {
  if (mount === '') return endpoint.path;
  if (!endpoint.path.startsWith(`${mount}/`)) {
    throw new TypeError(`${endpoint.path} is not under ${mount}`);
  }
  return endpoint.path.slice(mount.length);
}
