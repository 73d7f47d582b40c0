import { FleetPage } from '../../features/fleet/components/fleet-page';
import { RepositoryLinks } from './repository/links';

/** The fleet grid; a link to a repository starts loading it on intent. */
export function Component() {
  return (
    <RepositoryLinks>
      <FleetPage />
    </RepositoryLinks>
  );
}
