/** The temporary login command and the API versions (operations 12, 19, 20). */
import { createHash, createHmac } from 'node:crypto';
import type { VersionDetail } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { HandlerTable } from './handler';

/** How long a temporary login command works (SWR: 6 hours). */
export const LOGIN_VALIDITY_MS = 6 * 60 * 60 * 1000;

function versions(ctx: ApiContext): VersionDetail[] {
  return [
    {
      id: 'v2',
      links: { href: `${ctx.baseUrl}/v2/`, rel: 'self' },
      version: '2.26',
      status: 'CURRENT',
      updated: '2017-12-09T00:00:00Z',
      min_version: '2.0',
    },
  ];
}

export const systemHandlers = {
  createSecret: {
    handle(ctx, { query }) {
      const project = query.projectname ?? ctx.region.id;
      const expiresAt = new Date(ctx.now.getTime() + LOGIN_VALIDITY_MS).toISOString();
      const secret =
        ctx.caller.account.users
          .flatMap((user) => user.credentials)
          .find((credential) => credential.ak === ctx.caller.ak)?.sk ?? '';
      // Like SWR, the password is derived from the caller's key; it opens nothing but a registry.
      const password = createHmac('sha256', secret)
        .update(`${ctx.caller.ak}:${expiresAt}`)
        .digest('hex');
      const user = `${project}@${ctx.caller.ak}`;
      // The registry front door (src/registry) accepts the login until it expires. Logins that
      // expired are forgotten as new ones are made, so the table holds only live ones.
      ctx.store.run('DELETE FROM registry_logins WHERE expires_at <= ?', ctx.now.toISOString());
      ctx.store.run(
        `INSERT INTO registry_logins (password_sha256, username, ak, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (password_sha256) DO NOTHING`,
        createHash('sha256').update(password).digest('hex'),
        user,
        ctx.caller.ak,
        expiresAt,
      );
      return {
        body: {
          auths: {
            [ctx.region.registryHost]: {
              auth: Buffer.from(`${user}:${password}`).toString('base64'),
            },
          },
        },
        headers: {
          'X-Swr-Dockerlogin': `docker login -u ${user} -p ${password}`,
          'X-Swr-Expireat': expiresAt,
        },
      };
    },
  },

  listApiVersions: {
    handle(ctx) {
      return { body: { versions: versions(ctx) } };
    },
  },

  showApiVersion: {
    handle(ctx, { params }) {
      const version = versions(ctx).find((candidate) => candidate.id === params.api_version);
      if (version === undefined)
        throw new SwrFailure('urlNotFound', `API version ${params.api_version}`);
      return { body: { version } };
    },
  },
} satisfies Partial<HandlerTable>;
