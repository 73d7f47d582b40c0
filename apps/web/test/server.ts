import { setupServer } from 'msw/node';
import { sessionHandlers } from './handlers';

/** The fake network: by default a signed-in admin; tests add handlers for what they call. */
export const server = setupServer(...sessionHandlers('admin'));
