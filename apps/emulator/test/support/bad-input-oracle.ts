/**
 * What SWR must answer to a raw request, judged from the contract alone: the operation's zod
 * schemas after the path is matched and the query merged as the emulator does (`matchOperation`,
 * `mergeQuery`), and the error codes of docs/swr-api.md ("Errors") for each kind of bad input. Then
 * the checks every answer must pass: never a 5xx, SWR's error shapes, a code whose digits are its
 * HTTP status, and a 2xx only for input the contract accepts.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  matchOperation,
  mergeQuery,
  operations,
  parseQueryString,
  type OperationDefinition,
  type OperationName,
} from '@swr-dashboard/swr-client';
import { z } from 'zod';
import { bodyText, type BadInputCase } from './bad-input-cases';

/** The SWR codes of docs/swr-api.md ("Errors") that bad input maps to. */
export const CODES = {
  invalidParam: 'SVCSTG.SWR.4000014',
  missingParam: 'SVCSTG.SWR.4001014',
  invalidNamespaceInBody: 'SVCSTG.SWR.4001028',
  invalidNamespaceInPath: 'SVCSTG.SWR.4009010',
  invalidRepositoryInBody: 'SVCSTG.SWR.4001029',
  invalidRepositoryInPath: 'SVCSTG.SWR.4009011',
  invalidTag: 'SVCSTG.SWR.4009021',
  invalidIsPublic: 'SVCSTG.SWR.4001009',
  invalidFilter: 'SVCSTG.SWR.4001035',
  invalidPageSize: 'SVCSTG.SWR.4000056',
  invalidNamespaceAuth: 'SVCSTG.SWR.4001065',
  invalidRepositoryAuth: 'SVCSTG.SWR.4001066',
  invalidUserName: 'SVCSTG.SWR.4001067',
  invalidPermit: 'SVCSTG.SWR.4001091',
  invalidDomain: 'SVCSTG.SWR.4001041',
  descriptionTooLong: 'SVCSTG.SWR.4131012',
  bodyTooLarge: 'SVCSTG.SWR.4131001',
  urlNotFound: 'SVCSTG.SWR.4040083',
} as const;

export const SWR_CODE = /^SVCSTG\.SWR\.\d{7}$/;

/** The HTTP status an SWR code implies: the first three of its seven digits. */
export function statusOfCode(code: string): number {
  return Number(code.slice('SVCSTG.SWR.'.length, 'SVCSTG.SWR.'.length + 3));
}

export type Expectation =
  | { kind: 'error'; status: number; codes: readonly string[]; reason: string }
  | { kind: 'valid'; operation: OperationName; status: number };

function error(reason: string, ...codes: string[]): Expectation {
  return { kind: 'error', status: statusOfCode(codes[0] ?? ''), codes, reason };
}

const PARAM_CODES: Record<string, string> = {
  namespace: CODES.invalidNamespaceInPath,
  repository: CODES.invalidRepositoryInPath,
  tag: CODES.invalidTag,
  access_domain: CODES.invalidDomain,
};

const QUERY_CODES: Record<string, string> = {
  limit: CODES.invalidPageSize,
  offset: CODES.invalidPageSize,
  order_column: CODES.invalidFilter,
  order_type: CODES.invalidFilter,
  order: CODES.invalidFilter,
  is_public: CODES.invalidIsPublic,
};

const BODY_CODES: Record<string, string> = {
  namespace: CODES.invalidNamespaceInBody,
  repository: CODES.invalidRepositoryInBody,
  is_public: CODES.invalidIsPublic,
  user_name: CODES.invalidUserName,
  permit: CODES.invalidPermit,
  access_domain: CODES.invalidDomain,
  imageTag: CODES.invalidTag,
};

/** The field an issue is about: the last named key of its path. */
function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  return issue.path.filter((key): key is string => typeof key === 'string').at(-1);
}

/** Whether the input has a value at the issue's path (own properties only). */
function presentAt(root: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return false;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current !== undefined;
}

function firstIssue(schema: z.core.$ZodType, value: unknown): z.core.$ZodIssue | undefined | null {
  const parsed = z.safeParse(schema, value);
  return parsed.success ? null : parsed.error.issues[0];
}

/** The largest body SWR takes (the emulator's default `bodyLimit`). */
export const BODY_LIMIT = 1024 * 1024;

/** The expected answer to a case, stage by stage in the order SWR checks a request. */
export function expectationFor(input: BadInputCase): Expectation {
  const { body } = input;
  if (body.kind === 'oversize') return error('oversize body', CODES.bodyTooLarge);
  const bytes = Buffer.from(bodyText(body) ?? '', 'utf8');
  if (bytes.length > BODY_LIMIT) return error(`${bytes.length}-byte body`, CODES.bodyTooLarge);
  // The emulator reads the body as UTF-8 bytes; parse what it will see.
  const text = bytes.toString('utf8');
  let value: unknown;
  if (text !== '' && body.kind !== 'none') {
    if (!body.contentType.json) return error('non-JSON content type', CODES.invalidParam);
    try {
      value = JSON.parse(text);
    } catch {
      return error('malformed JSON', CODES.invalidParam);
    }
  }

  const match = matchOperation(input.method, input.path);
  if (!match.ok) return error(`no route (${match.reason})`, CODES.urlNotFound);
  const definition: OperationDefinition = operations[match.name];

  const pairs = parseQueryString(input.query);
  if (pairs === undefined) throw new Error(`generated an unsignable query: ${input.query}`);
  const merged = mergeQuery(definition, pairs);
  if (!merged.ok) {
    const { problem } = merged;
    if (problem.kind === 'bad-filter') {
      return error(`bad filter: ${problem.message}`, CODES.invalidFilter);
    }
    return error(`query ${problem.kind}: ${problem.key}`, CODES.invalidParam);
  }

  const paramIssue = firstIssue(definition.params, match.params);
  if (paramIssue !== null) {
    if (match.name === 'showApiVersion') return error('bad API version', CODES.urlNotFound);
    const field = paramIssue === undefined ? undefined : fieldOf(paramIssue);
    return error(
      `path parameter ${field ?? '?'}`,
      (field === undefined ? undefined : PARAM_CODES[field]) ?? CODES.invalidParam,
    );
  }

  const queryIssue = firstIssue(definition.query, merged.query);
  if (queryIssue !== null) {
    const field = queryIssue === undefined ? undefined : fieldOf(queryIssue);
    const code = (field === undefined ? undefined : QUERY_CODES[field]) ?? CODES.invalidParam;
    // Absent is missing, as for bodies: SWR's "mandatory parameter missing".
    if (
      queryIssue !== undefined &&
      queryIssue.code !== 'custom' &&
      !presentAt(merged.query, queryIssue.path)
    ) {
      return error(`query ${field ?? '?'} missing`, CODES.missingParam);
    }
    return error(`query ${field ?? '?'}`, code);
  }

  if (definition.body !== undefined) {
    const issue = firstIssue(definition.body, value);
    if (issue !== null) {
      if (issue === undefined) return error('body', CODES.invalidParam);
      const field = fieldOf(issue);
      // Absent is missing, whatever the field's type (a union or enum reports it differently).
      if (issue.code !== 'custom' && !presentAt(value, issue.path)) {
        return error(`body ${field ?? '(root)'} missing`, CODES.missingParam);
      }
      if (field === 'description' && issue.code === 'too_big') {
        return error('description too long', CODES.descriptionTooLong);
      }
      if (field === 'auth') {
        return error(
          'permission value',
          match.name.endsWith('NamespaceAuth')
            ? CODES.invalidNamespaceAuth
            : CODES.invalidRepositoryAuth,
        );
      }
      return error(
        `body ${field ?? '(root)'}: ${issue.code}`,
        (field === undefined ? undefined : BODY_CODES[field]) ?? CODES.invalidParam,
      );
    }
  }
  return { kind: 'valid', operation: match.name, status: definition.status };
}

export interface ObservedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/** The error code of an SWR error body, in either of its shapes; undefined for anything else. */
export function swrErrorCode(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  if (typeof record.errorCode === 'string' && typeof record.errorMessage === 'string') {
    return record.errorCode;
  }
  if (Array.isArray(record.errors)) {
    const first = record.errors[0] as Record<string, unknown> | undefined;
    if (typeof first?.errorCode === 'string' && typeof first.errorMessage === 'string') {
      return first.errorCode;
    }
  }
  return undefined;
}

/** Input validation codes a valid request must never get. */
const NEVER_FOR_VALID: ReadonlySet<string> = new Set([
  CODES.invalidNamespaceInPath,
  CODES.invalidRepositoryInPath,
  CODES.invalidTag,
  CODES.bodyTooLarge,
]);

/** Everything wrong with an answer; empty when it is right. */
export function problemsWith(expected: Expectation, response: ObservedResponse): string[] {
  const problems: string[] = [];
  const { status } = response;
  if (status >= 500) problems.push(`server error ${status}`);
  if (status === 401) problems.push('signature rejected: the request never reached validation');
  if (typeof response.headers['x-request-id'] !== 'string') problems.push('no X-Request-Id');
  if (status >= 200 && status < 300) {
    if (expected.kind === 'error') problems.push(`2xx for invalid input (${expected.reason})`);
    else if (status !== expected.status) {
      problems.push(`success status ${status}, the contract says ${expected.status}`);
    }
    return problems;
  }
  if (status < 400 || status >= 500) {
    problems.push(`unexpected status ${status}`);
    return problems;
  }
  const code = swrErrorCode(response.json);
  if (code === undefined) {
    problems.push(`4xx body is not an SWR error: ${response.text.slice(0, 200)}`);
    return problems;
  }
  if (!SWR_CODE.test(code)) problems.push(`malformed code ${code}`);
  if (statusOfCode(code) !== status) problems.push(`code ${code} answered with HTTP ${status}`);
  if (expected.kind === 'error') {
    if (status !== expected.status || !expected.codes.includes(code)) {
      problems.push(
        `expected ${expected.status} ${expected.codes.join(' or ')} (${expected.reason}), got ${status} ${code}`,
      );
    }
  } else if (NEVER_FOR_VALID.has(code)) {
    problems.push(`valid ${expected.operation} input answered ${status} ${code}`);
  }
  return problems;
}
