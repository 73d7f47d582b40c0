export { ComparePage as Component } from '../../features/image/components/compare-page';
