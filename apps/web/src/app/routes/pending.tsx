/** Temporary: a page whose feature is being built in this change. Removed when all are built. */
import { PageHeader } from '../../components/ui/page-header';

export function Component() {
  return <PageHeader title="…" />;
}
