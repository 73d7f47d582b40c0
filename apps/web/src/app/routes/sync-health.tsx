import { SyncHealthPage } from '../../features/sync-health/components/sync-health-page';
import { RepositoryLinks } from './repository/links';

/** Sync health of every automatic sync target; a link to a repository starts loading it on intent. */
export function Component() {
  return (
    <RepositoryLinks>
      <SyncHealthPage />
    </RepositoryLinks>
  );
}
