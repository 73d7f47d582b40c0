/**
 * Which SWR error a bad request gets. SWR answers invalid input with specific codes per field
 * (docs/swr-api.md, "Errors"): an invalid organization name is 4001028, a bad page size 4000056, a
 * missing field 4001014, and so on. Anything without a specific code is the generic 4000014.
 */
import {
  issueAt,
  type OperationName,
  type QueryProblem,
  type SwrErrorKey,
} from '@swr-dashboard/swr-client';
import type { z } from 'zod';
import { SwrFailure } from './failure';

export type RequestPart = 'params' | 'query' | 'body';

const PARAM_ERRORS: Record<string, SwrErrorKey> = {
  namespace: 'invalidNamespaceInPath',
  repository: 'invalidRepositoryInPath',
  tag: 'invalidTag',
  access_domain: 'invalidDomain',
};

const QUERY_ERRORS: Record<string, SwrErrorKey> = {
  limit: 'invalidPageSize',
  offset: 'invalidPageSize',
  order_column: 'invalidFilter',
  order_type: 'invalidFilter',
  order: 'invalidFilter',
  is_public: 'invalidIsPublic',
};

const BODY_ERRORS: Record<string, SwrErrorKey> = {
  namespace: 'invalidNamespace',
  repository: 'invalidRepository',
  is_public: 'invalidIsPublic',
  user_name: 'invalidUserName',
  permit: 'invalidPermit',
  access_domain: 'invalidDomain',
  imageTag: 'invalidTag',
};

/** Permission values are checked with the code of their level: organization or repository. */
function authError(operation: string): SwrErrorKey {
  return operation.endsWith('NamespaceAuth') ? 'invalidNamespaceAuth' : 'invalidRepositoryAuth';
}

function keyFor(table: Record<string, SwrErrorKey>, field: string | undefined): SwrErrorKey {
  return (field === undefined ? undefined : table[field]) ?? 'invalidParam';
}

/** The value at an issue's path, to tell a missing field from a wrong one. */
function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean } {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) {
      return { present: false };
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { present: current !== undefined };
}

/** The field an issue is about: the last named key of its path. */
function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  const named = issue.path.filter((key): key is string => typeof key === 'string');
  return named[named.length - 1];
}

export function validationFailure(
  operation: OperationName | 'push',
  part: RequestPart,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): SwrFailure {
  const issue = issues[0];
  if (issue === undefined) return new SwrFailure('invalidParam');
  const field = fieldOf(issue);
  const detail = `${issueAt(part, issue).path}: ${issue.message}`;
  if (part === 'params') {
    if (operation === 'showApiVersion') return new SwrFailure('urlNotFound', detail);
    return new SwrFailure(keyFor(PARAM_ERRORS, field), detail);
  }
  // A required field that is absent is missing whatever its type: a union (`auth`, `deadline`)
  // or an enum or literal (`permit`, `action`) reports it as invalid_union or invalid_value.
  if (issue.code !== 'custom' && !valueAt(input, issue.path).present) {
    return new SwrFailure('missingParam', detail);
  }
  if (part === 'query') {
    return new SwrFailure(keyFor(QUERY_ERRORS, field), detail);
  }
  if (field === 'description' && issue.code === 'too_big') {
    return new SwrFailure('descriptionTooLong', detail);
  }
  if (field === 'auth') return new SwrFailure(authError(operation), detail);
  return new SwrFailure(keyFor(BODY_ERRORS, field), detail);
}

/** A query that could not be merged: unknown keys, repeats, or a malformed `filter`. */
export function queryFailure(problem: QueryProblem): SwrFailure {
  switch (problem.kind) {
    case 'bad-filter':
      return new SwrFailure('invalidFilter', problem.message);
    case 'repeated':
      return new SwrFailure('invalidParam', `query parameter ${problem.key} is repeated`);
    case 'unknown':
      return new SwrFailure('invalidParam', `unknown query parameter ${problem.key}`);
  }
}
