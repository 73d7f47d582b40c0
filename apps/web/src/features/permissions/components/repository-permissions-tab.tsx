/** Temporary: this tab is being built in this change. */
import type { RepositoryTabProps } from '../../repository/components/tab-props';

export function RepositoryPermissionsTab(_props: RepositoryTabProps) {
  return null;
}
