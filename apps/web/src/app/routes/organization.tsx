/**
 * An organization's page, composed: the organizations feature's page, with the repositories
 * feature's list and the permissions feature's panel and level badge in it.
 */
import { OrganizationPage } from '../../features/organizations/components/organization-page';
import { LevelBadge } from '../../features/permissions/components/permission-level';
import { PermissionsPanel } from '../../features/permissions/components/permissions-panel';
import { RepositoriesList } from '../../features/repositories/components/repositories-list';
import { RepositoryLinks } from './repository/links';

export function Component() {
  return (
    <OrganizationPage
      repositories={({ region, namespace }) => (
        <RepositoryLinks>
          <RepositoriesList region={region} fixedNamespace={namespace} />
        </RepositoryLinks>
      )}
      permissions={({ region, namespace }) => (
        <PermissionsPanel target={{ level: 'organization', region, namespace }} />
      )}
      level={(auth) => <LevelBadge auth={auth} />}
    />
  );
}
