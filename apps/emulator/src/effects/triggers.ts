/**
 * Firing deploy triggers on a push. The emulator does not talk to CCE or CCI: a rollout to an
 * available cluster (or to CCI) is recorded as a success, one to a cluster that is unavailable
 * or no longer known as a failure, each with a detail that says so.
 */
import { triggerMatches, type Trigger } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import type { RepositoryRef } from '../store/rows';

export interface TriggerRow {
  id: number;
  repository_id: number;
  name: string;
  action: string;
  app_type: Trigger['app_type'];
  application: string;
  cluster_id: string;
  cluster_name: string;
  cluster_ns: string;
  condition: string;
  container: string;
  enable: number;
  trigger_mode: Trigger['trigger_mode'];
  trigger_type: Trigger['trigger_type'];
  creator_name: string;
  created_at: string;
}

function rollout(
  ctx: ApiContext,
  trigger: TriggerRow,
  image: string,
): { result: 'success' | 'failed'; detail: string } {
  const workload = `${trigger.app_type}/${trigger.application} in namespace ${trigger.cluster_ns}`;
  const containers = trigger.container === '' ? 'all containers' : `container ${trigger.container}`;
  if (trigger.trigger_mode === 'cci') {
    return {
      result: 'success',
      detail: `Updated ${containers} of CCI ${workload} to ${image} (emulated; no CCI call is made)`,
    };
  }
  const cluster = ctx.region.clusters.find((candidate) => candidate.id === trigger.cluster_id);
  if (cluster === undefined) {
    return { result: 'failed', detail: `Cluster ${trigger.cluster_name} no longer exists` };
  }
  if (!cluster.available) {
    return {
      result: 'failed',
      detail: `Cluster ${cluster.name} is unavailable; ${workload} was not updated`,
    };
  }
  return {
    result: 'success',
    detail: `Updated ${containers} of ${workload} on cluster ${cluster.name} to ${image} (emulated; no CCE call is made)`,
  };
}

/** Records a history entry for every enabled trigger whose condition matches the new tag. */
export function fireTriggers(
  ctx: ApiContext,
  repo: Pick<RepositoryRef, 'id' | 'namespace' | 'name'>,
  tag: string,
): { name: string; result: 'success' | 'failed' }[] {
  const triggers = ctx.store.all<TriggerRow>(
    'SELECT * FROM triggers WHERE repository_id = ? AND enable = 1 ORDER BY name',
    repo.id,
  );
  const image = `${ctx.region.registryHost}/${repo.namespace}/${repo.name}:${tag}`;
  return triggers
    .filter((trigger) => triggerMatches(trigger, tag))
    .map((trigger) => {
      const { result, detail } = rollout(ctx, trigger, image);
      ctx.store.run(
        `INSERT INTO trigger_histories (trigger_id, tag, result, detail, snapshot, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        trigger.id,
        tag,
        result,
        detail,
        JSON.stringify(trigger),
        ctx.now.toISOString(),
      );
      return { name: trigger.name, result };
    });
}
