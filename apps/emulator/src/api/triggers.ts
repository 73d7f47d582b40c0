/** Deploy triggers (operations 34–38). */
import type { Trigger, TriggerHistory } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { HandlerTable } from './handler';
import { findRepository } from './records';
import type { TriggerRow } from '../effects/triggers';

/** How many history entries a trigger shows, newest first. */
export const TRIGGER_HISTORY_MAX = 100;

interface HistoryRow {
  tag: string;
  result: TriggerHistory['result'];
  detail: string;
  snapshot: string;
  created_at: string;
}

function wireTrigger(ctx: ApiContext, row: TriggerRow): Trigger {
  const history = ctx.store
    .all<HistoryRow>(
      'SELECT * FROM trigger_histories WHERE trigger_id = ? ORDER BY id DESC LIMIT ?',
      row.id,
      TRIGGER_HISTORY_MAX,
    )
    .map((entry): TriggerHistory => {
      const fired = JSON.parse(entry.snapshot) as TriggerRow;
      return {
        action: fired.action,
        app_type: fired.app_type,
        application: fired.application,
        cluster_id: fired.cluster_id,
        cluster_name: fired.cluster_name,
        cluster_ns: fired.cluster_ns,
        condition: fired.condition,
        container: fired.container,
        created_at: entry.created_at,
        creator_name: fired.creator_name,
        detail: entry.detail,
        result: entry.result,
        tag: entry.tag,
      };
    });
  return {
    action: row.action,
    app_type: row.app_type,
    application: row.application,
    cluster_id: row.cluster_id,
    cluster_name: row.cluster_name,
    cluster_ns: row.cluster_ns,
    condition: row.condition,
    container: row.container,
    created_at: row.created_at,
    creator_name: row.creator_name,
    enable: row.enable === 1 ? 'true' : 'false',
    name: row.name,
    trigger_history: history,
    trigger_mode: row.trigger_mode,
    trigger_type: row.trigger_type,
  };
}

function findTrigger(
  ctx: ApiContext,
  params: { namespace: string; repository: string; trigger: string },
): TriggerRow {
  const repo = findRepository(ctx, params.namespace, params.repository);
  const row = ctx.store.get<TriggerRow>(
    'SELECT * FROM triggers WHERE repository_id = ? AND name = ?',
    repo.id,
    params.trigger,
  );
  // SWR answers an unknown trigger with its generic "Invalid param".
  if (row === undefined)
    throw new SwrFailure('invalidParam', `trigger ${params.trigger} does not exist`);
  return row;
}

export const triggerHandlers = {
  createTrigger: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const mode = body.trigger_mode ?? 'cce';
      let clusterName = '';
      if (mode === 'cce') {
        const cluster = ctx.region.clusters.find((candidate) => candidate.id === body.cluster_id);
        if (cluster === undefined) {
          throw new SwrFailure(
            'invalidParam',
            `cluster ${body.cluster_id ?? ''} does not exist in ${ctx.region.id}`,
          );
        }
        clusterName = cluster.name;
      }
      const inserted = ctx.store.run(
        `INSERT INTO triggers (repository_id, name, action, app_type, application, cluster_id,
           cluster_name, cluster_ns, condition, container, enable, trigger_mode, trigger_type,
           creator_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository_id, name) DO NOTHING`,
        repo.id,
        body.name,
        body.action,
        body.app_type,
        body.application,
        body.cluster_id ?? '',
        clusterName,
        body.cluster_ns,
        body.condition,
        body.container ?? '',
        body.enable === 'true' ? 1 : 0,
        mode,
        body.trigger_type,
        ctx.caller.user.name,
        ctx.now.toISOString(),
      );
      if (inserted.changes === 0)
        throw new SwrFailure('invalidParam', `trigger ${body.name} exists`);
      return {};
    },
  },

  listTriggersDetails: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const rows = ctx.store.all<TriggerRow>(
        'SELECT * FROM triggers WHERE repository_id = ? ORDER BY created_at, name',
        repo.id,
      );
      return { body: rows.map((row) => wireTrigger(ctx, row)) };
    },
  },

  deleteTrigger: {
    handle(ctx, { params }) {
      const row = findTrigger(ctx, params);
      ctx.store.run('DELETE FROM triggers WHERE id = ?', row.id);
      return {};
    },
  },

  showTrigger: {
    handle(ctx, { params }) {
      return { body: wireTrigger(ctx, findTrigger(ctx, params)) };
    },
  },

  updateTrigger: {
    handle(ctx, { params, body }) {
      const row = findTrigger(ctx, params);
      ctx.store.run(
        'UPDATE triggers SET enable = ? WHERE id = ?',
        body.enable === 'true' ? 1 : 0,
        row.id,
      );
      return {};
    },
  },
} satisfies Partial<HandlerTable>;
