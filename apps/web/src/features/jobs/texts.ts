/**
 * What the jobs' pages say about a job: its title, its repositories, what it does (a clean-up's
 * rule, a template, a change), its items' columns by kind, why something is left alone, a short
 * digest, and its state.
 */
import type {
  JobKept,
  JobKind,
  JobSpec,
  JobTargetOf,
  RetentionRuleInput,
  ShareChangeSpec,
  TagCleanupSpec,
  TriggerTemplateSpec,
} from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import type { BadgeTone } from '../../components/ui/badge';
import type { Format } from '../../lib/format';
import type { JobItemStatus, JobStatus } from './api';

export type JobsT = TFunction<['jobs', 'common']>;

/** `payments/payment-gateway`, or the first and how many more. */
export function repositoriesText(spec: Pick<JobSpec, 'repositories'>, t: JobsT): string {
  const [first, ...rest] = spec.repositories;
  if (first === undefined) return '';
  const name = `${first.namespace}/${first.repository}`;
  return rest.length === 0 ? name : t('jobs:rule.andMore', { name, count: rest.length });
}

/** The rule in words: "names matching pr-*; keeping each repository's newest 5". */
export function ruleText(rule: TagCleanupSpec['rule'], t: JobsT): string {
  const parts: string[] = [];
  if (rule.tags !== undefined) parts.push(t('jobs:rule.tags', { count: rule.tags.length }));
  if (rule.pattern !== undefined) parts.push(t('jobs:rule.pattern', { pattern: rule.pattern }));
  if (rule.olderThanDays !== undefined) {
    parts.push(t('jobs:rule.olderThan', { count: rule.olderThanDays }));
  }
  if (rule.keepNewest !== undefined && rule.keepNewest > 0) {
    parts.push(t('jobs:rule.keepNewest', { count: rule.keepNewest }));
  }
  return parts.join(t('jobs:rule.separator'));
}

/** The job's title: "Tag clean-up of payments/gateway", "Revoke the shares of …". */
export function jobTitle(spec: JobSpec, t: JobsT): string {
  const repositories = repositoriesText(spec, t);
  switch (spec.kind) {
    case 'trigger-template':
      return t('jobs:title.trigger-template', { repositories, name: spec.trigger.name });
    case 'share-change':
      return t(`jobs:title.share-${spec.change.action}`, { repositories });
    case 'trigger-switch':
      return t(`jobs:title.trigger-${spec.enable ? 'enable' : 'disable'}`, { repositories });
    default:
      return t(`jobs:title.${spec.kind}`, { repositories });
  }
}

/** A retention rule in words: "keep the 10 most recent tags, except the tag latest". */
export function retentionRuleText(rule: RetentionRuleInput, t: JobsT): string {
  const amount = Number(rule.template === 'tag_rule' ? rule.params.num : rule.params.days);
  const main = t(`jobs:spec.retention.${rule.template}`, { count: amount });
  const exceptions = rule.tag_selectors.map((selector) =>
    selector.kind === 'label'
      ? t('jobs:spec.retention.label', { name: selector.pattern })
      : t('jobs:spec.retention.regexp', { pattern: selector.pattern }),
  );
  if (exceptions.length === 0) return main;
  return t('jobs:spec.retention.except', {
    rule: main,
    list: exceptions.join(t('jobs:spec.listSeparator')),
  });
}

/** Where a trigger template deploys, and on which tags, in words. */
function triggerText(trigger: TriggerTemplateSpec['trigger'], t: JobsT): string {
  const condition =
    trigger.trigger_type === 'all'
      ? t('jobs:spec.trigger.all')
      : trigger.trigger_type === 'tag'
        ? t('jobs:spec.trigger.tag', { tags: trigger.condition.split(';').join(', ') })
        : t('jobs:spec.trigger.regular', { pattern: trigger.condition });
  const values = {
    condition,
    workload: trigger.application,
    appType: t(`jobs:appTypes.${trigger.app_type}`),
    namespace: trigger.cluster_ns,
    cluster: trigger.cluster_name ?? trigger.cluster_id ?? '',
  };
  const where = t(`jobs:spec.trigger.${trigger.trigger_mode}`, values);
  return trigger.enable
    ? where
    : `${where}${t('jobs:spec.separator')}${t('jobs:spec.trigger.off')}`;
}

/** A UTC day: `2026-12-31` of `2026-12-31T00:00:00Z`. */
export function utcDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : iso;
}

function shareText(spec: ShareChangeSpec, t: JobsT): string {
  const parts = [
    spec.change.action === 'revoke'
      ? t('jobs:spec.share.revoke')
      : spec.change.deadline === 'forever'
        ? t('jobs:spec.share.forever')
        : t('jobs:spec.share.extend', { date: utcDay(spec.change.deadline) }),
  ];
  if (spec.accounts !== undefined) {
    parts.push(t('jobs:spec.share.accounts', { accounts: spec.accounts.join(', ') }));
  }
  if (spec.endingBefore !== undefined) {
    parts.push(t('jobs:spec.share.endingBefore', { date: utcDay(spec.endingBefore) }));
  }
  return parts.join(t('jobs:spec.separator'));
}

/** What the job does, in words: a tag clean-up's rule, a template, a change. */
export function specText(spec: JobSpec, t: JobsT): string {
  switch (spec.kind) {
    case 'tag-cleanup':
      return ruleText(spec.rule, t);
    case 'retention-template':
      return retentionRuleText(spec.policy.rules[0], t);
    case 'sync-template': {
      const { remoteRegionId: region, remoteNamespace, syncAuto, override } = spec.target;
      const parts = [
        remoteNamespace === undefined
          ? t('jobs:spec.sync.toOwn', { region })
          : t('jobs:spec.sync.to', { region, organization: remoteNamespace }),
      ];
      if (!syncAuto) parts.push(t('jobs:spec.sync.manual'));
      if (override) parts.push(t('jobs:spec.sync.override'));
      return parts.join(t('jobs:spec.separator'));
    }
    case 'trigger-template':
      return triggerText(spec.trigger, t);
    case 'share-change':
      return shareText(spec, t);
    case 'trigger-switch': {
      const which =
        spec.triggers === undefined
          ? t('jobs:spec.switch.all')
          : t('jobs:spec.switch.named', { names: spec.triggers.join(', ') });
      return t(`jobs:spec.switch.${spec.enable ? 'enable' : 'disable'}`, { which });
    }
  }
}

/** The job page's description: what it does, and across how many repositories. */
export function jobDescription(spec: JobSpec, t: JobsT): string {
  const count = spec.repositories.length;
  if (spec.kind === 'tag-cleanup') {
    return t('jobs:job.description', { rule: ruleText(spec.rule, t), count });
  }
  return t('jobs:job.descriptionOf', {
    kind: t(`jobs:kinds.${spec.kind}`),
    what: specText(spec, t),
    count,
  });
}

/** A column of a kind's items: its header, and each item's text (and full text, when cut). */
export interface ItemColumn<T> {
  header: string;
  text: (target: T) => string;
  title?: (target: T) => string;
  mono?: boolean;
}

type ColumnsOf = {
  [K in JobKind]: (t: JobsT, format: Format) => ItemColumn<JobTargetOf<K>>[];
};

const COLUMNS: ColumnsOf = {
  'tag-cleanup': (t) => [
    { header: t('jobs:items.columns.tag'), text: (item) => item.tag, mono: true },
    {
      header: t('jobs:items.columns.digest'),
      text: (item) => shortDigest(item.digest),
      title: (item) => item.digest,
      mono: true,
    },
  ],
  'retention-template': (t, format) => [
    {
      header: t('jobs:items.columns.change'),
      text: (item) => t(`jobs:items.cells.${item.action}`, { id: String(item.retentionId ?? '') }),
    },
    {
      header: t('jobs:items.columns.deletes'),
      text: (item) => {
        const deletes = t('jobs:items.cells.deletes', {
          count: item.deletes,
          formatted: format.number(item.deletes),
        });
        return item.protectedDeleted.length === 0
          ? deletes
          : t('jobs:items.cells.deletesProtected', {
              deletes,
              tags: item.protectedDeleted.join(', '),
            });
      },
    },
  ],
  'sync-template': (t) => [
    {
      header: t('jobs:items.columns.syncTo'),
      text: (item) =>
        t('jobs:items.cells.syncTo', {
          region: item.remoteRegionId,
          organization: item.remoteNamespace,
        }),
    },
  ],
  'trigger-template': (t) => [
    { header: t('jobs:items.columns.trigger'), text: (item) => item.trigger, mono: true },
    { header: t('jobs:items.columns.workload'), text: (item) => item.application, mono: true },
  ],
  'share-change': (t) => [
    { header: t('jobs:items.columns.account'), text: (item) => item.account, mono: true },
    {
      header: t('jobs:items.columns.ends'),
      text: (item) =>
        item.deadline === 'forever'
          ? t('jobs:items.cells.never')
          : t('jobs:items.cells.endsOn', { date: utcDay(item.deadline) }),
      title: (item) => item.deadline,
    },
    {
      header: t('jobs:items.columns.description'),
      text: (item) => (item.description === '' ? '—' : item.description),
    },
  ],
  'trigger-switch': (t) => [
    { header: t('jobs:items.columns.trigger'), text: (item) => item.trigger, mono: true },
    {
      header: t('jobs:items.columns.deploysTo'),
      text: (item) =>
        item.cluster === null
          ? t('jobs:items.cells.deploysCci', {
              workload: item.workload,
              namespace: item.clusterNamespace,
            })
          : t('jobs:items.cells.deploysCce', {
              workload: item.workload,
              namespace: item.clusterNamespace,
              cluster: item.cluster,
            }),
    },
  ],
};

/** The columns of a kind's items (after the repository), for the preview and the job's page. */
export function itemColumns<K extends JobKind>(
  kind: K,
  t: JobsT,
  format: Format,
): ItemColumn<JobTargetOf<K>>[] {
  return COLUMNS[kind](t, format);
}

/** Why a template or a change leaves something alone, in words. */
export function keptText(kept: JobKept, spec: JobSpec, t: JobsT): string {
  if (kept.reason === 'invalid') {
    return t('jobs:kept.invalid', { message: kept.message ?? '' });
  }
  if (kept.reason === 'exists') return t('jobs:kept.exists', { name: kept.subject });
  switch (spec.kind) {
    case 'sync-template':
      return t('jobs:kept.syncs', { target: kept.subject });
    case 'share-change':
      return t('jobs:kept.ends');
    case 'trigger-switch':
      return t(spec.enable ? 'jobs:kept.enabled' : 'jobs:kept.disabled');
    default:
      return t('jobs:kept.hasPolicy');
  }
}

/** `sha256:` and the first 12 hex digits. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  const short = (hex ?? '').slice(0, 12);
  return algorithm === '' ? short : `${algorithm ?? ''}:${short}`;
}

export function jobStatusTone(status: JobStatus, failed: number): BadgeTone {
  if (status === 'running' || status === 'cancelling') return 'info';
  if (status === 'cancelled') return 'warning';
  return failed > 0 ? 'danger' : 'success';
}

export function jobStatusLabel(status: JobStatus, failed: number, t: JobsT): string {
  if (status === 'done' && failed > 0) return t('jobs:status.doneWithFailures');
  return t(`jobs:status.${status}`);
}

export function itemStatusTone(status: JobItemStatus): BadgeTone {
  return {
    pending: 'neutral',
    running: 'info',
    done: 'success',
    failed: 'danger',
    cancelled: 'warning',
  }[status] as BadgeTone;
}
