export { RepositoryPage as Component } from '../../features/repository/components/repository-page';
