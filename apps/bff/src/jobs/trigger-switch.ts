/**
 * The trigger switch job (issue 16): many triggers enabled, or disabled. It takes the triggers
 * of the repositories it names, of the names it names (or all); one already as asked is left
 * alone. Each item keeps where its trigger deploys, as the preview read it: a user whose deploy
 * targets are limited is authorized for each of them, as switching one trigger would be.
 *
 * Every attempt reads the trigger before switching it. The job was authorized for where the
 * preview read it deploys; someone may have pointed it elsewhere since (before the run, or
 * before an item was claimed again or resumed), where the job's user may not switch it: such an
 * item fails and nothing is sent. Setting `enable` twice leaves the trigger as once would, and
 * the read also finds one an earlier holder switched before it died: one as asked sends nothing.
 * (As with the proxy's read before one switch, a change between the read and the switch is not
 * seen: SWR's switch takes no condition.)
 */
import {
  deployOfTrigger,
  type DeployTarget,
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

/** Where the item's trigger deploys, as the preview read it (and the job was authorized for). */
function deployOfItem(item: TriggerSwitchItem): DeployTarget {
  return { cluster: item.cluster, namespace: item.clusterNamespace, workload: item.workload };
}

function sameDeploy(one: DeployTarget, other: DeployTarget): boolean {
  return (
    one.cluster === other.cluster &&
    one.namespace === other.namespace &&
    one.workload === other.workload
  );
}

function describeDeploy({ cluster, namespace, workload }: DeployTarget): string {
  const where = cluster === null ? 'CCI' : `cluster ${cluster}`;
  return `${where}, Kubernetes namespace ${namespace}, workload ${workload}`;
}

/**
 * The outcome when nothing is to be sent, read from SWR: the trigger gone, deploying elsewhere
 * than the preview read, or as asked already (an earlier attempt or someone else switched it).
 * Undefined when the trigger is to be switched.
 */
async function unswitched(
  client: SwrClient,
  spec: TriggerSwitchSpec,
  item: TriggerSwitchItem,
): Promise<Outcome | undefined> {
  const triggers = await client.listTriggersDetails({ params: repoParams(item) });
  const trigger = triggers.find((candidate) => candidate.name === item.trigger);
  if (trigger === undefined) return failed(null, null, 'the trigger is gone: nothing to switch');
  const { deploy } = deployOfTrigger(trigger);
  if (!sameDeploy(deploy, deployOfItem(item))) {
    const now = describeDeploy(deploy);
    return failed(null, null, `deploys elsewhere since the preview (now ${now}): nothing sent`);
  }
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
    const unsent = await unswitched(client, spec, item);
    if (unsent !== undefined) return unsent;
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
    deploy: deployOfItem(item),
  }),
  carryOut: (client, spec, item, context) => apply(client, spec, item, context.attempts),
};
