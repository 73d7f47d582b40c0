/** Temporary: this tab is being built in this change. */
import type { RepositoryTabProps } from '../../repository/components/tab-props';

export function TagsTab(_props: RepositoryTabProps) {
  return null;
}
