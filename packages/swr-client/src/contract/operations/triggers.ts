/** Deploy triggers (CCE/CCI rollouts on push): operations 34–38. */
import { z } from '../../zod';
import {
  booleanString,
  kubernetesName,
  namespaceName,
  repositoryName,
  TAG_PATTERN,
  triggerName,
} from '../../names';
import {
  defineOperation,
  isValidRegExp,
  IN_PATH_NAMESPACE,
  type DeployTargetFields,
} from '../define';
import { Trigger, TRIGGER_APP_TYPES, TRIGGER_MODES, TRIGGER_TYPES } from '../models';

const TRIGGERS = '/v2/manage/namespaces/{namespace}/repos/{repository}/triggers';
const repoParams = z.strictObject({ namespace: namespaceName, repository: repositoryName });
const triggerParams = z.extend(repoParams, { trigger: triggerName });

/** Where a new trigger rolls images out: its cluster, Kubernetes namespace and workload. */
const DEPLOY_FIELDS = {
  mode: 'body.trigger_mode',
  cluster: 'body.cluster_id',
  clusterName: 'body.cluster_name',
  namespace: 'body.cluster_ns',
  workload: 'body.application',
  workloadType: 'body.app_type',
} as const satisfies DeployTargetFields;

/** Splits a `tag` trigger's condition (`v1;v2;latest`) into its tags. */
export function conditionTags(condition: string): string[] {
  return condition
    .split(';')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

const createTriggerBody = z
  .strictObject({
    action: z.literal('update'),
    app_type: z.enum(TRIGGER_APP_TYPES),
    application: kubernetesName,
    cluster_ns: kubernetesName,
    condition: z.string().check(z.minLength(1), z.maxLength(1024)),
    enable: booleanString,
    name: triggerName,
    trigger_type: z.enum(TRIGGER_TYPES),
    cluster_id: z.optional(z.string().check(z.maxLength(64))),
    cluster_name: z.optional(z.string().check(z.maxLength(64))),
    container: z.optional(z.union([z.literal(''), kubernetesName])),
    trigger_mode: z.optional(z.enum(TRIGGER_MODES)),
  })
  .check(
    z.superRefine((body, ctx) => {
      const problem = conditionProblem(body.trigger_type, body.condition);
      if (problem !== undefined)
        ctx.addIssue({ code: 'custom', path: ['condition'], message: problem });
      const mode = body.trigger_mode ?? 'cce';
      if (mode === 'cce' && (body.cluster_id ?? '') === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['cluster_id'],
          message: 'A CCE trigger needs a cluster.',
        });
      }
      if (mode === 'cci' && (body.cluster_id ?? '') !== '') {
        ctx.addIssue({
          code: 'custom',
          path: ['cluster_id'],
          message: 'A CCI trigger has no cluster.',
        });
      }
    }),
  );

/** Why a condition does not fit its trigger type, or undefined when it does. */
export function conditionProblem(
  type: (typeof TRIGGER_TYPES)[number],
  condition: string,
): string | undefined {
  switch (type) {
    case 'all':
      return condition === '.*' ? undefined : 'A trigger for all tags has the condition ".*".';
    case 'tag': {
      const tags = conditionTags(condition);
      if (tags.length === 0) return 'List at least one tag, separated by ";".';
      const bad = tags.find((tag) => !TAG_PATTERN.test(tag));
      return bad === undefined ? undefined : `"${bad}" is not a valid tag.`;
    }
    case 'regular':
      return isValidRegExp(condition)
        ? undefined
        : 'The condition is not a valid regular expression.';
  }
}

export const createTrigger = defineOperation({
  name: 'createTrigger',
  number: 34,
  summary: 'Create a deploy trigger',
  method: 'POST',
  path: TRIGGERS,
  params: repoParams,
  body: createTriggerBody,
  status: 201,
  capability: 'write',
  resource: 'trigger',
  targets: { ...IN_PATH_NAMESPACE, deploy: DEPLOY_FIELDS },
});

export const listTriggersDetails = defineOperation({
  name: 'listTriggersDetails',
  number: 35,
  summary: "List a repository's triggers",
  method: 'GET',
  path: TRIGGERS,
  params: repoParams,
  response: z.array(Trigger),
  status: 200,
  capability: 'read',
  resource: 'trigger',
  targets: IN_PATH_NAMESPACE,
});

export const deleteTrigger = defineOperation({
  name: 'deleteTrigger',
  number: 36,
  summary: 'Delete a trigger',
  method: 'DELETE',
  path: `${TRIGGERS}/{trigger}`,
  params: triggerParams,
  status: 204,
  capability: 'write',
  resource: 'trigger',
  targets: { ...IN_PATH_NAMESPACE, deploy: 'path-trigger' },
});

export const showTrigger = defineOperation({
  name: 'showTrigger',
  number: 37,
  summary: 'Show a trigger with its history',
  method: 'GET',
  path: `${TRIGGERS}/{trigger}`,
  params: triggerParams,
  response: Trigger,
  status: 200,
  capability: 'read',
  resource: 'trigger',
  targets: IN_PATH_NAMESPACE,
});

export const updateTrigger = defineOperation({
  name: 'updateTrigger',
  number: 38,
  summary: 'Enable or disable a trigger',
  method: 'PATCH',
  path: `${TRIGGERS}/{trigger}`,
  params: triggerParams,
  body: z.strictObject({ enable: booleanString }),
  status: 201,
  capability: 'write',
  resource: 'trigger',
  targets: { ...IN_PATH_NAMESPACE, deploy: 'path-trigger' },
});
