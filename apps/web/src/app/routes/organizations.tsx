export { OrganizationsPage as Component } from '../../features/organizations/components/organizations-page';
