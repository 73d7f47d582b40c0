/**
 * Every kind of job the BFF runs, by name: a kind the contract lists and this table misses does
 * not compile.
 */
import type { JobKind, JobSpec } from '@swr-dashboard/swr-client';
import type { JobKindRun } from './kind';
import { retentionTemplate } from './retention-template';
import { shareChange } from './share-change';
import { syncTemplate } from './sync-template';
import { tagCleanup } from './tag-cleanup';
import { triggerSwitch } from './trigger-switch';
import { triggerTemplate } from './trigger-template';

const KINDS: { [K in JobKind]: JobKindRun<K> } = {
  'tag-cleanup': tagCleanup,
  'retention-template': retentionTemplate,
  'sync-template': syncTemplate,
  'trigger-template': triggerTemplate,
  'share-change': shareChange,
  'trigger-switch': triggerSwitch,
};

/** The kind of a job, able to take the job's spec and items. */
export function kindOf(spec: JobSpec): JobKindRun<JobKind> {
  return KINDS[spec.kind] as JobKindRun<JobKind>;
}
