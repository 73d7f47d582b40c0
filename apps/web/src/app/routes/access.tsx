import { AccessPage } from '../../features/access/components/access-page';
import { RepositoryLinks } from './repository/links';

/** Who can reach a repository, or what a user can reach; a repository link loads it on intent. */
export function Component() {
  return (
    <RepositoryLinks>
      <AccessPage />
    </RepositoryLinks>
  );
}
