/** Temporary: this tab is being built in this change. */
import type { RepositoryTabProps } from '../../repository/components/tab-props';

export function RetentionTab(_props: RepositoryTabProps) {
  return null;
}
