/**
 * An organization's page, composed: the organizations feature's page, with the repositories
 * feature's list, the permissions feature's panel and level badge, and the usage feature's usage
 * over time in it.
 */
import { OrganizationPage } from '../../features/organizations/components/organization-page';
import { LevelBadge } from '../../features/permissions/components/permission-level';
import { PermissionsPanel } from '../../features/permissions/components/permissions-panel';
import { RepositoriesList } from '../../features/repositories/components/repositories-list';
import { UsageOverTime } from '../../features/usage/components/usage-over-time';
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
      usage={({ region, namespace }) => <UsageOverTime region={region} namespace={namespace} />}
      level={(auth) => <LevelBadge auth={auth} />}
    />
  );
}
