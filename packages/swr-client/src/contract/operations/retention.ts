/** Retention (image aging) policies and their logs: operations 39–44. */
import { z } from '../../zod';
import { namespaceName, repositoryName, RETENTION_DAYS_MAX, RETENTION_NUM_MAX } from '../../names';
import {
  defineOperation,
  intLike,
  isValidRegExp,
  numericString,
  pageLimit,
  pageOffset,
  IN_PATH_NAMESPACE,
} from '../define';
import { Retention, RetentionLog } from '../models';

const RETENTIONS = '/v2/manage/namespaces/{namespace}/repos/{repository}/retentions';
const repoParams = z.strictObject({ namespace: namespaceName, repository: repositoryName });
const retentionParams = z.extend(repoParams, {
  retention_id: intLike(1, 2_147_483_647, 'A retention id is a positive integer.'),
});

/** The most exception selectors one rule takes. */
export const TAG_SELECTORS_MAX = 50;

const tagSelectorInput = z
  .strictObject({
    kind: z.enum(['label', 'regexp']),
    pattern: z.string().check(z.minLength(1), z.maxLength(256)),
  })
  .check(
    z.refine((selector) => selector.kind === 'label' || isValidRegExp(selector.pattern), {
      error: 'The pattern is not a valid regular expression.',
      path: ['pattern'],
    }),
  );

const tagSelectors = z.array(tagSelectorInput).check(z.maxLength(TAG_SELECTORS_MAX));

/** One rule: keep tags younger than `days`, or keep the `num` newest; selectors are exempt. */
export const retentionRuleInput = z.discriminatedUnion('template', [
  z.strictObject({
    template: z.literal('date_rule'),
    params: z.strictObject({ days: numericString(1, RETENTION_DAYS_MAX) }),
    tag_selectors: tagSelectors,
  }),
  z.strictObject({
    template: z.literal('tag_rule'),
    params: z.strictObject({ num: numericString(1, RETENTION_NUM_MAX) }),
    tag_selectors: tagSelectors,
  }),
]);
export type RetentionRuleInput = z.infer<typeof retentionRuleInput>;

const retentionBody = z.strictObject({
  algorithm: z.literal('or'),
  /** SWR takes exactly one rule. */
  rules: z.array(retentionRuleInput).check(z.length(1, 'A retention policy has exactly one rule.')),
});

export const createRetention = defineOperation({
  name: 'createRetention',
  number: 39,
  summary: 'Create the retention policy of a repository (applies at once)',
  method: 'POST',
  path: RETENTIONS,
  params: repoParams,
  body: retentionBody,
  response: z.object({ id: z.number() }),
  status: 201,
  capability: 'write',
  resource: 'retention',
  targets: IN_PATH_NAMESPACE,
});

export const listRetentions = defineOperation({
  name: 'listRetentions',
  number: 40,
  summary: "List a repository's retention policies",
  method: 'GET',
  path: RETENTIONS,
  params: repoParams,
  response: z.array(Retention),
  status: 200,
  capability: 'read',
  resource: 'retention',
  targets: IN_PATH_NAMESPACE,
});

export const deleteRetention = defineOperation({
  name: 'deleteRetention',
  number: 41,
  summary: 'Delete a retention policy',
  method: 'DELETE',
  path: `${RETENTIONS}/{retention_id}`,
  params: retentionParams,
  status: 200,
  capability: 'write',
  resource: 'retention',
  targets: IN_PATH_NAMESPACE,
});

export const showRetention = defineOperation({
  name: 'showRetention',
  number: 42,
  summary: 'Show a retention policy',
  method: 'GET',
  path: `${RETENTIONS}/{retention_id}`,
  params: retentionParams,
  response: Retention,
  status: 200,
  capability: 'read',
  resource: 'retention',
  targets: IN_PATH_NAMESPACE,
});

export const updateRetention = defineOperation({
  name: 'updateRetention',
  number: 43,
  summary: 'Change a retention policy (applies at once; the template cannot change)',
  method: 'PATCH',
  path: `${RETENTIONS}/{retention_id}`,
  params: retentionParams,
  body: retentionBody,
  status: 201,
  capability: 'write',
  resource: 'retention',
  targets: IN_PATH_NAMESPACE,
});

export const listRetentionHistories = defineOperation({
  name: 'listRetentionHistories',
  number: 44,
  summary: 'List the tags retention deleted',
  method: 'GET',
  path: `${RETENTIONS}/histories`,
  params: repoParams,
  query: z.strictObject({ limit: z.optional(pageLimit), offset: z.optional(pageOffset) }).check(
    z.refine((query) => (query.limit === undefined) === (query.offset === undefined), {
      error: 'limit and offset must be given together',
      path: ['limit'],
    }),
  ),
  filterKeys: ['limit', 'offset'],
  queryStyle: 'filter',
  response: z.object({ retention_log: z.array(RetentionLog), total: z.number() }),
  status: 200,
  capability: 'read',
  resource: 'retention',
  targets: IN_PATH_NAMESPACE,
  page: { items: 'key', key: 'retention_log' },
});
