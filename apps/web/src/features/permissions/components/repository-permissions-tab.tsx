/** The repository's Permissions tab: IAM users' grants on this repository. */
import type { RepositoryTabProps } from '../../repository/components/tab-props';
import { PermissionsPanel } from './permissions-panel';

export function RepositoryPermissionsTab({ region, namespace, repository }: RepositoryTabProps) {
  return <PermissionsPanel target={{ level: 'repository', region, namespace, repository }} />;
}
