/** The repository's Permissions tab: IAM users' grants on this repository. */
import type { RepositoryTabProps } from '../../../lib/repository-tab';
import { PermissionsPanel } from './permissions-panel';

export function RepositoryPermissionsTab({ region, namespace, repository }: RepositoryTabProps) {
  return <PermissionsPanel target={{ level: 'repository', region, namespace, repository }} />;
}
