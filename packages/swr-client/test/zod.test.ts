/**
 * The contract is built on `zod/mini` (the browser bundle keeps only the checks it uses) and
 * still answers with zod's English messages, which `zod/mini` does not load by itself.
 */
import { describe, expect, it } from 'vitest';
import type { OperationDefinition } from '../src/contract/define';
import { operationNames, operations } from '../src/contract/operations';
import { auditRecord, meResponse } from '../src/bff-api';
import { namespaceName, REPOSITORY_RULE } from '../src/names';

const contractSchemas = [
  namespaceName,
  meResponse,
  auditRecord,
  ...operationNames.flatMap((name) => {
    const definition: OperationDefinition = operations[name];
    const { params, query, body, response } = definition;
    return [params, query, body, response].filter((schema) => schema !== undefined);
  }),
];

describe("the contract's zod", () => {
  it('makes every schema with zod/mini: none carries classic methods', () => {
    for (const schema of contractSchemas) {
      expect('optional' in schema).toBe(false);
      expect('toJSONSchema' in schema).toBe(false);
      expect(typeof schema.safeParse).toBe('function');
    }
  });

  it("gives zod's English default messages with no classic zod loaded", () => {
    const parsed = operations.createRepo.body.safeParse({
      repository: '',
      is_public: 'yes',
      category: 'x',
    });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['repository', 'Too small: expected string to have >=1 characters'],
      ['repository', REPOSITORY_RULE],
      ['is_public', 'Invalid input: expected boolean, received string'],
      [
        'category',
        'Invalid option: expected one of "app_server"|"linux"|"framework_app"|"database"|"lang"|"windows"|"arm"|"other"|"arms"',
      ],
    ]);
  });

  it('keeps the custom messages, refinements and transforms of the query schemas', () => {
    const refused = operations.listRepositoryTags.query.safeParse({ limit: '0' });
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['limit', 'limit must be 1–1000'],
      ['offset', 'limit and offset must be given together'],
    ]);
    expect(
      operations.listReposDetails.query.parse({ limit: '10', offset: 0, is_public: 'false' }),
    ).toEqual({ limit: 10, offset: 0, is_public: false });
  });
});
