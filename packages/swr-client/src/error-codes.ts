/**
 * SWR error codes the console and the emulator use (docs/swr-api.md, "Errors"). Each has its HTTP
 * status and a default message. Codes travel with the `SVCSTG.SWR.` prefix.
 */
export const SWR_ERRORS = {
  authFailed: { code: 'SVCSTG.SWR.4010000', status: 401, message: 'Authentication failed' },
  invalidParam: { code: 'SVCSTG.SWR.4000014', status: 400, message: 'Invalid param' },
  missingParam: { code: 'SVCSTG.SWR.4001014', status: 400, message: 'Mandatory parameter missing' },
  invalidNamespace: {
    code: 'SVCSTG.SWR.4001028',
    status: 400,
    message: 'Invalid organization name',
  },
  invalidNamespaceInPath: {
    code: 'SVCSTG.SWR.4009010',
    status: 400,
    message: 'Invalid organization',
  },
  invalidRepository: { code: 'SVCSTG.SWR.4001029', status: 400, message: 'Invalid image name' },
  invalidRepositoryInPath: {
    code: 'SVCSTG.SWR.4009011',
    status: 400,
    message: 'Invalid image name',
  },
  invalidTag: { code: 'SVCSTG.SWR.4009021', status: 400, message: 'Invalid image tag' },
  invalidIsPublic: {
    code: 'SVCSTG.SWR.4001009',
    status: 400,
    message: 'is_public must be true or false',
  },
  invalidFilter: { code: 'SVCSTG.SWR.4001035', status: 400, message: 'Invalid filter' },
  invalidPageSize: { code: 'SVCSTG.SWR.4000056', status: 400, message: 'Invalid page size' },
  invalidNamespaceAuth: {
    code: 'SVCSTG.SWR.4001065',
    status: 400,
    message: 'Invalid organization permissions',
  },
  invalidRepositoryAuth: {
    code: 'SVCSTG.SWR.4001066',
    status: 400,
    message: 'Invalid permissions',
  },
  invalidUserName: { code: 'SVCSTG.SWR.4001067', status: 400, message: 'Invalid username' },
  invalidPermit: {
    code: 'SVCSTG.SWR.4001091',
    status: 400,
    message: 'permission parameter incorrect',
  },
  invalidDomain: { code: 'SVCSTG.SWR.4001041', status: 400, message: 'Invalid domain parameter' },
  namespaceQuota: {
    code: 'SVCSTG.SWR.4000097',
    status: 400,
    message: 'Maximum number of organizations exceeded',
  },
  descriptionTooLong: { code: 'SVCSTG.SWR.4131012', status: 413, message: 'Description too long' },
  bodyTooLarge: { code: 'SVCSTG.SWR.4131001', status: 413, message: 'Request body too large' },
  noPermission: {
    code: 'SVCSTG.SWR.4039002',
    status: 403,
    message: 'No permission for this operation',
  },
  namespaceNotFound: { code: 'SVCSTG.SWR.4040058', status: 404, message: 'Organization not found' },
  repositoryNotFound: { code: 'SVCSTG.SWR.4040010', status: 404, message: 'Image not found' },
  tagNotFound: { code: 'SVCSTG.SWR.4040048', status: 404, message: 'Tag not found' },
  namespaceAuthNotFound: {
    code: 'SVCSTG.SWR.4040078',
    status: 404,
    message: 'Organization permission not found',
  },
  repositoryAuthNotFound: {
    code: 'SVCSTG.SWR.4040091',
    status: 404,
    message: 'Permission not found',
  },
  urlNotFound: { code: 'SVCSTG.SWR.4040083', status: 404, message: 'URL not found' },
  namespaceNotEmpty: {
    code: 'SVCSTG.SWR.4060074',
    status: 406,
    message: 'Organization still contains images',
  },
  namespaceExists: {
    code: 'SVCSTG.SWR.4090060',
    status: 409,
    message: 'Organization already exists',
  },
  repositoryExists: { code: 'SVCSTG.SWR.4090006', status: 409, message: 'Image already exists' },
  namespaceAuthExists: {
    code: 'SVCSTG.SWR.4090076',
    status: 409,
    message: 'Organization permission already exists',
  },
  repositoryAuthExists: {
    code: 'SVCSTG.SWR.4090089',
    status: 409,
    message: 'Permission already exists',
  },
  shareExists: {
    code: 'SVCSTG.SWR.4090089',
    status: 409,
    message: 'The repository is already shared with this account',
  },
  shareNotFound: {
    code: 'SVCSTG.SWR.4001090',
    status: 400,
    message: 'Sharing account or repository not found',
  },
  retentionNotFound: {
    code: 'SVCSTG.SWR.4000306',
    status: 400,
    message: 'Retention policy not found',
  },
  syncRepoNotFound: {
    code: 'SVCSTG.SWR.4001158',
    status: 400,
    message: 'Auto-sync task not found',
  },
  internal: { code: 'SVCSTG.SWR.5000001', status: 500, message: 'Internal error' },
} as const satisfies Record<string, { code: string; status: number; message: string }>;

export type SwrErrorKey = keyof typeof SWR_ERRORS;

/** The gateway's error for a bad AK or signature (APIG shape, HTTP 401). */
export const APIG_SIGNATURE_ERROR = {
  code: 'APIGW.0301',
  status: 401,
  message: 'Incorrect IAM authentication information: verify aksk signature fail',
} as const;
