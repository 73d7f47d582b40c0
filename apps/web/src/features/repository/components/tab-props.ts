import type { RepositoryDetail } from '@swr-dashboard/swr-client/browser';

/** What every repository tab receives from the repository page. */
export interface RepositoryTabProps {
  region: string;
  namespace: string;
  repository: string;
  detail: RepositoryDetail;
}
