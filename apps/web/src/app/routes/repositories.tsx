import { RepositoriesPage } from '../../features/repositories/components/repositories-page';
import { RepositoryLinks } from './repository/links';

/** Every repository of the region; a link to one starts loading it on intent. */
export function Component() {
  return (
    <RepositoryLinks>
      <RepositoriesPage />
    </RepositoryLinks>
  );
}
