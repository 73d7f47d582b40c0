/** What the jobs' pages say about a job: its repositories, its rule, a short digest. */
import type { JobSpec, JobTarget, TagCleanupSpec } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import type { BadgeTone } from '../../components/ui/badge';
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

/** What the job does, in words: a tag clean-up's rule, or the kind of job. */
export function specText(spec: JobSpec, t: JobsT): string {
  return spec.kind === 'tag-cleanup' ? ruleText(spec.rule, t) : t(`jobs:kinds.${spec.kind}`);
}

/** An item's subject (the tag, account, trigger…) and a detail (a digest, an end, a workload). */
export function itemCells(target: JobTarget): { subject: string; detail: string } {
  if ('tag' in target) return { subject: target.tag, detail: shortDigest(target.digest) };
  if ('account' in target) return { subject: target.account, detail: target.deadline };
  if ('application' in target) return { subject: target.trigger, detail: target.application };
  if ('trigger' in target) return { subject: target.trigger, detail: target.workload };
  if ('remoteRegionId' in target) {
    return { subject: `${target.remoteRegionId}/${target.remoteNamespace}`, detail: '' };
  }
  return { subject: target.action, detail: String(target.deletes) };
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
