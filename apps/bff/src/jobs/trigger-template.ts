/**
 * The trigger template job (issue 16): one deploy trigger rolled out to many repositories. The
 * template's workload name may hold `{repository}`: each repository's trigger deploys to the
 * workload named after it (its last part, `.` and `_` as `-`, as Kubernetes names go).
 *
 * Each repository's trigger is checked as `createTrigger` checks one, and authorized where it
 * deploys: one that does not fit is left out, saying why (`invalid`). A repository that has a
 * trigger of the template's name is left alone (`exists`): the job does not overwrite triggers.
 *
 * Carrying an item out lists the repository's triggers first: after an interrupted attempt that
 * created it, nothing is sent again.
 */
import {
  operations,
  REPOSITORY_PLACEHOLDER,
  type SwrClient,
  type Trigger,
  type TriggerTemplateItem,
  type TriggerTemplateSpec,
} from '@swr-dashboard/swr-client';
import {
  changeFailed,
  done,
  failed,
  parts,
  repoParams,
  type ItemCall,
  type JobKindRun,
  type Outcome,
  type Preview,
  type PreviewContext,
  type Repository,
} from './kind';

/** The workload the repository's trigger deploys to. */
function applicationFor(template: string, repository: string): string {
  const name = (repository.split('/').at(-1) ?? repository).replace(/[._]+/g, '-');
  return template.replaceAll(REPOSITORY_PLACEHOLDER, name);
}

/** The repository's trigger, as `createTrigger` takes it. */
export function triggerBody(spec: TriggerTemplateSpec, repository: Repository) {
  const { trigger } = spec;
  const cce = trigger.trigger_mode === 'cce';
  return {
    action: 'update' as const,
    name: trigger.name,
    trigger_type: trigger.trigger_type,
    condition: trigger.condition,
    trigger_mode: trigger.trigger_mode,
    ...(cce && trigger.cluster_id !== undefined ? { cluster_id: trigger.cluster_id } : {}),
    ...(cce && trigger.cluster_name !== undefined ? { cluster_name: trigger.cluster_name } : {}),
    cluster_ns: trigger.cluster_ns,
    app_type: trigger.app_type,
    application: applicationFor(trigger.application, repository.repository),
    ...(trigger.container === undefined ? {} : { container: trigger.container }),
    enable: trigger.enable ? ('true' as const) : ('false' as const),
  };
}

/** Why the repository's trigger would not be accepted, or undefined when it would. */
function problemOf(body: ReturnType<typeof triggerBody>): string | undefined {
  const checked = operations.createTrigger.body.safeParse(body);
  if (checked.success) return undefined;
  return checked.error.issues
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}

async function triggerNamed(client: SwrClient, repository: Repository, name: string) {
  const triggers = await client.listTriggersDetails({ params: repoParams(repository) });
  return triggers.find((trigger) => trigger.name === name);
}

/** Whether an existing trigger is the one the template makes (where and when it deploys). */
function sameTrigger(existing: Trigger, body: ReturnType<typeof triggerBody>): boolean {
  return (
    existing.trigger_type === body.trigger_type &&
    existing.condition === body.condition &&
    existing.trigger_mode === body.trigger_mode &&
    existing.cluster_id === (body.cluster_id ?? '') &&
    existing.cluster_ns === body.cluster_ns &&
    existing.app_type === body.app_type &&
    existing.application === body.application
  );
}

async function preview(
  spec: TriggerTemplateSpec,
  context: PreviewContext,
): Promise<Preview<'trigger-template'>> {
  const result: Preview<'trigger-template'> = { items: [], kept: [] };
  const subject = spec.trigger.name;
  for (const repository of spec.repositories) {
    const body = triggerBody(spec, repository);
    const message = problemOf(body);
    const where = repoParams(repository);
    if (message !== undefined) {
      result.kept.push({ ...where, subject, reason: 'invalid', message });
    } else if ((await triggerNamed(context.client, repository, subject)) !== undefined) {
      result.kept.push({ ...where, subject, reason: 'exists' });
    } else {
      result.items.push({ ...where, trigger: subject, application: body.application });
    }
  }
  return result;
}

async function apply(
  client: SwrClient,
  spec: TriggerTemplateSpec,
  item: TriggerTemplateItem,
  attempts: number,
): Promise<Outcome> {
  try {
    const body = triggerBody(spec, item);
    const existing = await triggerNamed(client, item, item.trigger);
    if (existing !== undefined) {
      return sameTrigger(existing, body)
        ? done('the repository has the trigger already')
        : failed(null, null, 'a trigger of that name, configured otherwise, appeared: left alone');
    }
    await client.createTrigger({ params: repoParams(item), body });
    return done(`trigger ${item.trigger} created, deploying to ${item.application}`);
  } catch (error) {
    return changeFailed(error, attempts);
  }
}

/** The call that gives a repository the trigger: what the spec declares and what an item makes. */
function callFor(spec: TriggerTemplateSpec, repository: Repository): ItemCall {
  return {
    operation: 'createTrigger',
    parts: parts(repoParams(repository), triggerBody(spec, repository)),
  };
}

export const triggerTemplate: JobKindRun<'trigger-template'> = {
  declared: (spec) => spec.repositories.map((repository) => callFor(spec, repository)),
  preview,
  call: callFor,
  carryOut: (client, spec, item, context) => apply(client, spec, item, context.attempts),
};
