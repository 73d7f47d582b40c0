import { ShareRadarPage } from '../../features/share-radar/components/share-radar-page';
import { RepositoryLinks } from './repository/links';

/** The share radar; a link to a repository's sharing starts loading it on intent. */
export function Component() {
  return (
    <RepositoryLinks>
      <ShareRadarPage />
    </RepositoryLinks>
  );
}
