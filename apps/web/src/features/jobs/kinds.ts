/**
 * The kinds of job the Jobs page starts, as the page names them in its URL (`?new=1`: a tag
 * clean-up, as the links from the Tags tab have it; `?new=<kind>` for the others), and the SWR
 * operation a user must be allowed to start, resume or retry one (the BFF authorizes every call of
 * the job again; this only decides what the page offers).
 */
import type { JobKind, JobSpec, OperationName } from '@swr-dashboard/swr-client/browser';

/** The kinds other than the tag clean-up, in the order the page offers them. */
export const TEMPLATE_KINDS = [
  'retention-template',
  'sync-template',
  'trigger-template',
  'share-change',
  'trigger-switch',
] as const satisfies readonly JobKind[];
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The kind of job the page's `new` parameter opens a form for, if any. */
export function kindToCreate(value: string | undefined): JobKind | undefined {
  if (value === '1') return 'tag-cleanup';
  return TEMPLATE_KINDS.find((kind) => kind === value);
}

/** The `new` parameter that opens the form of a kind. */
export function newParam(kind: JobKind): string {
  return kind === 'tag-cleanup' ? '1' : kind;
}

/**
 * The operations that let a user start a job of the kind (any one of them: a share change is
 * an update or a delete, as the user chooses).
 */
export const KIND_OPERATIONS: Record<JobKind, readonly OperationName[]> = {
  'tag-cleanup': ['deleteRepoTag'],
  'retention-template': ['createRetention'],
  'sync-template': ['createImageSyncRepo'],
  'trigger-template': ['createTrigger'],
  'share-change': ['updateRepoDomains', 'deleteRepoDomains'],
  'trigger-switch': ['updateTrigger'],
};

/** The operation a job's items make, as its spec says. */
export function specOperation(spec: JobSpec): OperationName {
  switch (spec.kind) {
    case 'tag-cleanup':
      return 'deleteRepoTag';
    case 'retention-template':
      return 'createRetention';
    case 'sync-template':
      return 'createImageSyncRepo';
    case 'trigger-template':
      return 'createTrigger';
    case 'share-change':
      return spec.change.action === 'revoke' ? 'deleteRepoDomains' : 'updateRepoDomains';
    case 'trigger-switch':
      return 'updateTrigger';
  }
}
