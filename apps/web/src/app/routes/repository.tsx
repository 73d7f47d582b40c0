export { RepositoryPage as Component } from './repository/repository-page';
