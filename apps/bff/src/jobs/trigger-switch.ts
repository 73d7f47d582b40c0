/**
 * The trigger switch job (issue 16): many triggers enabled, or disabled. It takes the triggers
 * of the repositories it names, of the names it names (or all); one already as asked is left
 * alone. Each item keeps where its trigger deploys, as the preview read it: a user whose deploy
 * targets are limited is authorized for each of them, as switching one trigger would be.
 *
 * Setting `enable` twice leaves the trigger as once would; an item claimed again (its holder
 * may have switched it before it died) or resumed reads the trigger first and sends nothing
 * when it is as asked.
 */
import {
  deployOfTrigger,
  type SwrClient,
  type Trigger,
  type TriggerSwitchItem,
  type TriggerSwitchSpec,
} from '@swr-dashboard/swr-client';
import {
  changeFailed,
  done,
  failed,
  parts,
  repoParams,
  type JobKindRun,
  type Outcome,
  type Preview,
  type PreviewContext,
} from './kind';

const enableText = (enable: boolean) => (enable ? ('true' as const) : ('false' as const));

/** The item of a trigger: where it is and where it deploys. */
function itemOf(where: { namespace: string; repository: string }, trigger: Trigger) {
  const { deploy } = deployOfTrigger(trigger);
  return {
    ...where,
    trigger: trigger.name,
    cluster: deploy.cluster,
    clusterNamespace: deploy.namespace,
    workload: deploy.workload,
  };
}

async function preview(
  spec: TriggerSwitchSpec,
  context: PreviewContext,
): Promise<Preview<'trigger-switch'>> {
  const result: Preview<'trigger-switch'> = { items: [], kept: [] };
  const wanted = enableText(spec.enable);
  for (const repository of spec.repositories) {
    const where = repoParams(repository);
    const triggers = await context.client.listTriggersDetails({ params: where });
    for (const trigger of triggers) {
      if (spec.triggers !== undefined && !spec.triggers.includes(trigger.name)) continue;
      if (trigger.enable === wanted) {
        result.kept.push({ ...where, subject: trigger.name, reason: 'unchanged' });
      } else {
        result.items.push(itemOf(where, trigger));
      }
    }
  }
  return result;
}

function triggerParams(item: TriggerSwitchItem) {
  return { ...repoParams(item), trigger: item.trigger };
}

/** The outcome when the trigger is as asked already (read from SWR) or gone, else none. */
async function settledAlready(
  client: SwrClient,
  spec: TriggerSwitchSpec,
  item: TriggerSwitchItem,
): Promise<Outcome | undefined> {
  const triggers = await client.listTriggersDetails({ params: repoParams(item) });
  const trigger = triggers.find((candidate) => candidate.name === item.trigger);
  if (trigger === undefined) return failed(null, null, 'the trigger is gone: nothing to switch');
  if (trigger.enable !== enableText(spec.enable)) return undefined;
  return done(spec.enable ? 'enabled already' : 'disabled already');
}

async function apply(
  client: SwrClient,
  spec: TriggerSwitchSpec,
  item: TriggerSwitchItem,
  attempts: number,
): Promise<Outcome> {
  try {
    // Claimed again or resumed: an earlier attempt may have switched it.
    const settled = attempts > 1 ? await settledAlready(client, spec, item) : undefined;
    if (settled !== undefined) return settled;
    await client.updateTrigger({
      params: triggerParams(item),
      body: { enable: enableText(spec.enable) },
    });
    return done(spec.enable ? 'enabled' : 'disabled');
  } catch (error) {
    return changeFailed(error, attempts);
  }
}

export const triggerSwitch: JobKindRun<'trigger-switch'> = {
  declared: (spec) =>
    spec.repositories.map((repository) => ({
      operation: 'updateTrigger',
      parts: parts({ ...repoParams(repository), trigger: '' }, { enable: enableText(spec.enable) }),
    })),
  preview,
  call: (spec, item) => ({
    operation: 'updateTrigger',
    parts: parts(triggerParams(item), { enable: enableText(spec.enable) }),
    deploy: {
      cluster: item.cluster,
      namespace: item.clusterNamespace,
      workload: item.workload,
    },
  }),
  carryOut: (client, spec, item, context) => apply(client, spec, item, context.attempts),
};
