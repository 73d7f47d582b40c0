/** The temporary login command and the API versions: operations 12, 19 and 20. */
import { z } from '../../zod';
import { defineOperation } from '../define';
import { VersionDetail } from '../models';

export const createSecret = defineOperation({
  name: 'createSecret',
  number: 12,
  summary: 'Generate a temporary docker login command',
  method: 'POST',
  path: '/v2/manage/utils/secret',
  query: z.strictObject({
    /** Project name; SWR defaults it to the region id. */
    projectname: z.optional(
      z
        .string()
        .check(
          z.regex(
            /^[a-z0-9_-]{1,64}$/,
            'A project name is lowercase letters, digits, "_" and "-".',
          ),
        ),
    ),
  }),
  response: z.object({
    auths: z.record(z.string(), z.object({ auth: z.string() })),
  }),
  status: 200,
  capability: 'credential',
  resource: 'credential',
  targets: { wholeAccount: true, projects: ['query.projectname'] },
  responseHeaders: ['x-swr-dockerlogin', 'x-swr-expireat'],
});

export const listApiVersions = defineOperation({
  name: 'listApiVersions',
  number: 19,
  summary: 'List the API versions',
  method: 'GET',
  path: '/',
  response: z.object({ versions: z.array(VersionDetail) }),
  status: 200,
  capability: 'read',
  resource: 'api',
  targets: {},
});

export const showApiVersion = defineOperation({
  name: 'showApiVersion',
  number: 20,
  summary: 'Show one API version',
  method: 'GET',
  path: '/{api_version}',
  params: z.strictObject({
    api_version: z
      .string()
      .check(z.regex(/^v\d{1,3}(?:\.\d{1,3})?$/, 'An API version looks like v2.')),
  }),
  response: z.object({ version: VersionDetail }),
  status: 200,
  capability: 'read',
  resource: 'api',
  targets: {},
});
