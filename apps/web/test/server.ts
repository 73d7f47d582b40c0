import { protectedTagsEndpoint } from '@swr-dashboard/swr-client/browser';
import { setupServer } from 'msw/node';
import { bffHandler, sessionHandlers } from './handlers';

/**
 * The fake network: by default a signed-in admin, and no protected tags (the Tags tab, which the
 * repository page mounts early, and the retention editor read them); tests add handlers for what
 * they call.
 */
export const server = setupServer(
  ...sessionHandlers('admin'),
  bffHandler(protectedTagsEndpoint, () => ({ patterns: [] })),
);
