export { ImagePage as Component } from '../../features/image/components/image-page';
