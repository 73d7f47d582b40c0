import type { RepositoryDetail } from '@swr-dashboard/swr-client/browser';

/** What every repository tab receives from the repository page. */
export interface RepositoryTabProps {
  region: string;
  namespace: string;
  repository: string;
  detail: RepositoryDetail;
}

/**
 * What a tab receives that shows its own data without waiting for the repository's details (the
 * Tags tab: its list loads beside them). `detail` is undefined until they have arrived.
 */
export interface EarlyTabProps extends Omit<RepositoryTabProps, 'detail'> {
  detail: RepositoryDetail | undefined;
}
