export { RepositoriesPage as Component } from '../../features/repositories/components/repositories-page';
