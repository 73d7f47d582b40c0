/**
 * The SWR operation a user must be allowed to start, resume or retry a job of a kind (the BFF
 * authorizes every call of the job again; this only decides what the page offers).
 */
import type { JobSpec, OperationName } from '@swr-dashboard/swr-client/browser';

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
