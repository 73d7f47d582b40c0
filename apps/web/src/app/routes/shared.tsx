export { SharedImagesPage as Component } from '../../features/shared-images/components/shared-images-page';
