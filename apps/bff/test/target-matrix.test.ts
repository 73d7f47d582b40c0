/**
 * Every target every operation names, under every role. For each operation of the contract and
 * each field its declaration (`targets`) lists, the request is sent with that field naming
 * something inside and something outside the user's scopes, by a viewer, an operator, an admin,
 * an operator limited to `payments*` (whose triggers may deploy to Kubernetes namespaces
 * `payments*` on one cluster, or on CCI) and an admin limited to `payments*` (whose groups name
 * no deploy target). A refusal is a 403 with its reason (400 for a region the console does not
 * manage), an `authz.denied` record naming the target, and nothing at all sent to SWR (the
 * emulator logs every request it gets). An allowed request reaches SWR on the path it names.
 *
 * The fields come from the contract, not from this file: a new target field gets its cases here
 * without a line of this file changing.
 */
import { stableId } from '@swr-dashboard/emulator';
import {
  buildPath,
  operationNames,
  operations,
  type OperationName,
  type OperationTargets,
  type TargetField,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRecordsFor,
  directClient,
  failureOf,
  REGION,
  signInAs,
  startOidcConsole,
  upstreamSince,
  type OidcConsole,
  type SignedIn,
} from './support/oidc-console';
import { OIDC_ACCOUNTS, type TestAccount } from '@swr-dashboard/test-support';
import {
  callStep,
  lookUpSeed,
  OPERATION_TABLE,
  type TableContext,
} from './support/operation-table';

const PROD = stableId('cluster', REGION, 'prod');
const STAGING = stableId('cluster', REGION, 'staging');
const OTHER_REGION = 'cn-east-3';

type Role = 'viewer' | 'operator' | 'admin';
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const NEEDS: Record<string, Role> = {
  read: 'viewer',
  write: 'operator',
  credential: 'operator',
  admin: 'admin',
};

interface Who {
  key: string;
  account: TestAccount;
  role: Role;
  /** Organization patterns, or null when not limited. */
  scopes: string | null;
  /** Where the user's triggers may deploy, or null when not limited (`[]`: nowhere). */
  deploy: { cluster: string; namespace: string }[] | null;
}

const WHO: readonly Who[] = [
  { key: 'viewer', account: OIDC_ACCOUNTS.viewer, role: 'viewer', scopes: null, deploy: null },
  {
    key: 'operator',
    account: OIDC_ACCOUNTS.operator,
    role: 'operator',
    scopes: null,
    deploy: null,
  },
  { key: 'admin', account: OIDC_ACCOUNTS.admin, role: 'admin', scopes: null, deploy: null },
  {
    key: 'scoped operator',
    account: OIDC_ACCOUNTS.scopedOperator,
    role: 'operator',
    scopes: 'payments',
    deploy: [
      { cluster: PROD, namespace: 'payments' },
      { cluster: 'cci', namespace: 'payments' },
    ],
  },
  {
    key: 'deploy-limited operator',
    account: OIDC_ACCOUNTS.deployOperator,
    role: 'operator',
    scopes: null,
    deploy: [{ cluster: PROD, namespace: 'payments' }],
  },
  {
    key: 'scoped admin',
    account: OIDC_ACCOUNTS.scopedAdmin,
    role: 'admin',
    scopes: 'payments',
    deploy: [],
  },
];

/** One request of the matrix: an operation's valid input with one target field changed. */
interface Variant {
  title: string;
  /**
   * What the field now names, and whether it is inside the limited users' scopes (for a region:
   * whether the console manages it).
   */
  kind: 'namespace' | 'region' | 'project' | 'deploy' | 'path-trigger';
  inScope: boolean;
  /** The deploy target it names (`cluster` null for CCI), for deciding by a user's scopes. */
  deploy?: { cluster: string | null; namespace: string };
  input: (ctx: TableContext, who: Who) => unknown;
}

/** A copy of a table input with `field` (e.g. `body.remoteNamespace`) set to `value`. */
function withField(input: unknown, field: string, value: string): unknown {
  const copy = structuredClone(input) as Record<string, Record<string, unknown> | undefined>;
  const [part = '', key = ''] = field.split('.');
  copy[part] = { ...copy[part], [key]: value };
  return copy;
}

/** A trigger body that deploys to `cluster` (null: CCI) and Kubernetes namespace `namespace`. */
function triggerBody(name: string, cluster: string | null, namespace: string) {
  return {
    action: 'update',
    app_type: 'deployments',
    application: 'matrix-app',
    cluster_ns: namespace,
    condition: '.*',
    enable: 'true',
    name,
    trigger_type: 'all',
    ...(cluster === null ? { trigger_mode: 'cci' } : { cluster_id: cluster, trigger_mode: 'cce' }),
  };
}

const SEEDED_REPO = { namespace: 'payments', repository: 'payment-gateway' };

type TriggerCase = 'in' | 'out' | 'organization';
const TRIGGER_CASES: readonly TriggerCase[] = ['in', 'out', 'organization'];

/**
 * The triggers the change and delete cases act on, made before the matrix runs: per user and
 * operation, one deploying inside the limited users' scopes (`in`), one outside (`out`), and one
 * inside for the organization cases (a deleted trigger cannot be deleted twice).
 */
const triggerOf = (name: 'updateTrigger' | 'deleteTrigger', who: Who, which: TriggerCase) =>
  `${name === 'updateTrigger' ? 'change' : 'delete'}-${which}-${who.account.id}`;

/**
 * A valid input for an operation: the table's, but for triggers one that deploys inside the
 * limited users' scopes (so that only the organization decides).
 */
function baseInput(name: OperationName): (ctx: TableContext, who: Who) => unknown {
  if (name === 'createTrigger') {
    return (_ctx, who) => ({
      params: SEEDED_REPO,
      body: triggerBody(`organization-${who.account.id}`, PROD, 'payments-apps'),
    });
  }
  if (name === 'updateTrigger' || name === 'deleteTrigger') {
    return (_ctx, who) => ({
      params: { ...SEEDED_REPO, trigger: triggerOf(name, who, 'organization') },
      ...(name === 'updateTrigger' ? { body: { enable: 'false' } } : {}),
    });
  }
  const step = OPERATION_TABLE.find((entry) => entry.name === name);
  if (step === undefined) throw new Error(`no table input for ${name}`);
  return (ctx) => step.input(ctx);
}

/** The field names `payments` (inside the limited users' scopes) or `platform` (outside). */
function namespaceVariants(name: OperationName, field: TargetField): Variant[] {
  const input = baseInput(name);
  // Both exist in the seed, so an allowed call does what it would do for real.
  return (['payments', 'platform'] as const).map((namespace) => ({
    title: `${field} names ${namespace}`,
    kind: 'namespace',
    inScope: namespace === 'payments',
    input: (ctx, who) => withField(input(ctx, who), field, namespace),
  }));
}

/** The field names a project of the request's region, or of another region. */
function projectVariants(name: OperationName, field: TargetField): Variant[] {
  const input = baseInput(name);
  return (
    [
      [REGION, true],
      [`${REGION}_team-a`, true],
      [OTHER_REGION, false],
    ] as const
  ).map(([project, ofRegion]) => ({
    title: `${field} names ${project}${ofRegion ? '' : ' (a project of another region)'}`,
    kind: 'project',
    inScope: ofRegion,
    input: (ctx, who) => withField(input(ctx, who), field, project),
  }));
}

/** The field names a region the console manages, or one it does not. */
function regionVariants(name: OperationName, field: TargetField): Variant[] {
  const input = baseInput(name);
  return (
    [
      [OTHER_REGION, true],
      ['eu-west-101', false],
    ] as const
  ).map(([region, managed]) => ({
    title: `${field} names ${region}${managed ? '' : ' (not a region of this console)'}`,
    kind: 'region',
    inScope: managed,
    input: (ctx, who) => withField(input(ctx, who), field, region),
  }));
}

function deployVariants(): Variant[] {
  const cases: [string, string | null, string, boolean][] = [
    ['its cluster, Kubernetes namespace payments-apps', PROD, 'payments-apps', true],
    ['its cluster, Kubernetes namespace team-b', PROD, 'team-b', false],
    ['another cluster, Kubernetes namespace payments-apps', STAGING, 'payments-apps', false],
    ['CCI, Kubernetes namespace payments', null, 'payments', true],
    ['CCI, Kubernetes namespace default', null, 'default', false],
  ];
  return cases.map(([title, cluster, namespace, inScope], index) => ({
    title: `deploys to ${title}`,
    kind: 'deploy',
    inScope,
    deploy: { cluster, namespace },
    input: (_ctx, who) => ({
      params: SEEDED_REPO,
      body: triggerBody(`new-${String(index)}-${who.account.id}`, cluster, namespace),
    }),
  }));
}

function pathTriggerVariants(name: 'updateTrigger' | 'deleteTrigger'): Variant[] {
  return [true, false].map((inScope) => ({
    title: `the trigger in the path deploys ${inScope ? 'inside' : 'outside'} the scopes`,
    kind: 'path-trigger',
    inScope,
    deploy: inScope
      ? { cluster: PROD, namespace: 'payments-apps' }
      : { cluster: PROD, namespace: 'team-b' },
    input: (_ctx, who) => ({
      params: { ...SEEDED_REPO, trigger: triggerOf(name, who, inScope ? 'in' : 'out') },
      ...(name === 'updateTrigger' ? { body: { enable: 'false' } } : {}),
    }),
  }));
}

/** The cases of one operation, from its declaration in the contract. */
function variantsOf(name: OperationName): Variant[] {
  const targets: OperationTargets = operations[name].targets;
  const variants: Variant[] = [];
  for (const { field } of targets.namespaces ?? [])
    variants.push(...namespaceVariants(name, field));
  for (const field of targets.regions ?? []) variants.push(...regionVariants(name, field));
  for (const field of targets.projects ?? []) variants.push(...projectVariants(name, field));
  if (typeof targets.deploy === 'object') variants.push(...deployVariants());
  if (targets.deploy === 'path-trigger') {
    variants.push(...pathTriggerVariants(name as 'updateTrigger' | 'deleteTrigger'));
  }
  return variants;
}

type Outcome = { refused: 400 | 403 | 404; reason?: 'role' | 'scope' } | { refused: false };

function deployInside(who: Who, target: { cluster: string | null; namespace: string }): boolean {
  return (who.deploy ?? []).some(
    (scope) =>
      scope.cluster === (target.cluster ?? 'cci') && target.namespace.startsWith(scope.namespace),
  );
}

/** What must happen, written out from the rules (not computed by the BFF's own code). */
function expected(who: Who, name: OperationName, variant: Variant): Outcome {
  // A region the console does not manage, or another region's project, is bad input, whoever
  // sends it.
  if ((variant.kind === 'region' || variant.kind === 'project') && !variant.inScope) {
    return { refused: 400 };
  }
  const definition = operations[name];
  if (RANK[who.role] < RANK[NEEDS[definition.capability] ?? 'admin']) {
    return { refused: 403, reason: 'role' };
  }
  const targets: OperationTargets = definition.targets;
  // A docker login reaches every repository: refused to anyone limited in any way.
  if (targets.wholeAccount === true && (who.scopes !== null || who.deploy !== null)) {
    return { refused: 403, reason: 'scope' };
  }
  if (who.scopes !== null && variant.kind === 'namespace' && !variant.inScope) {
    return { refused: 403, reason: 'scope' };
  }
  if (targets.deploy !== undefined && who.deploy !== null) {
    if (who.deploy.length === 0) return { refused: 403, reason: 'scope' };
    // The trigger is read to see where it deploys: there is none of that name in `platform`.
    if (targets.deploy === 'path-trigger' && variant.kind === 'namespace' && !variant.inScope) {
      return { refused: 404 };
    }
    if (variant.deploy !== undefined && !deployInside(who, variant.deploy)) {
      return { refused: 403, reason: 'scope' };
    }
  }
  return { refused: false };
}

function paramsOf(input: unknown): Record<string, string | number> {
  return (input as { params?: Record<string, string | number> }).params ?? {};
}

let console_: OidcConsole;
const ctx: TableContext = { who: 'targets', seeded: { retentionId: 0 }, spareTag: '', created: {} };

beforeAll(async () => {
  console_ = await startOidcConsole({
    env: {
      DEPLOY_SCOPES: `swr-operators-payments=${PROD}:payments* cci:payments*;swr-operators-deploy=${PROD}:payments*`,
    },
  });
  const direct = directClient(console_.stack);
  const seed = await lookUpSeed(direct);
  ctx.seeded = seed.seeded;
  ctx.spareTag = seed.spareTags[0] ?? '';
  // For each user, a trigger inside the limited users' deploy scopes and one outside them.
  for (const who of WHO) {
    for (const name of ['updateTrigger', 'deleteTrigger'] as const) {
      for (const which of TRIGGER_CASES) {
        const namespace = which === 'out' ? 'team-b' : 'payments-apps';
        await direct.createTrigger({
          params: SEEDED_REPO,
          body: triggerBody(triggerOf(name, who, which), PROD, namespace) as never,
        });
      }
    }
  }
});
afterAll(async () => {
  await console_.close();
});

it('every operation that names a target has cases here, from its declaration', () => {
  const named = operationNames.filter((name) => variantsOf(name).length > 0);
  const declared = operationNames.filter((name) => {
    const targets: OperationTargets = operations[name].targets;
    return (
      (targets.namespaces?.length ?? 0) > 0 ||
      (targets.regions?.length ?? 0) > 0 ||
      (targets.projects?.length ?? 0) > 0 ||
      targets.deploy !== undefined
    );
  });
  expect(named).toEqual(declared);
  expect(named.length).toBeGreaterThanOrEqual(38);
});

for (const who of WHO) {
  describe(who.key, () => {
    let user: SignedIn;
    beforeAll(async () => {
      user = await signInAs(console_.stack, who.account);
    });

    for (const name of operationNames) {
      for (const variant of variantsOf(name)) {
        const outcome = expected(who, name, variant);
        const verdict =
          outcome.refused === false
            ? 'reaches SWR'
            : `${String(outcome.refused)}${outcome.reason === undefined ? '' : ` ${outcome.reason}`}, nothing sent`;
        it(`${name}: ${variant.title} → ${verdict}`, async () => {
          const { stack } = console_;
          const input = variant.input(ctx, who);
          const before = stack.upstreamLog.length;
          const call = callStep(user.client, name, input);
          if (outcome.refused !== false) {
            const error = await failureOf(call);
            expect(
              { status: error.status, reason: error.reason },
              `${name}: ${error.message}`,
            ).toEqual({
              status: outcome.refused,
              reason: outcome.refused === 403 ? outcome.reason : undefined,
            });
            // Nothing sent, but for the read of a trigger in the path, whose target it checks.
            const reads =
              (variant.kind === 'path-trigger' && outcome.reason === 'scope') ||
              outcome.refused === 404;
            const trigger = reads ? buildPath(operations.showTrigger.path, paramsOf(input)) : '';
            expect(
              upstreamSince(stack, before).filter(
                (line) => !(reads && line.startsWith(`${REGION} GET ${trigger} `)),
              ),
              'nothing sent to SWR',
            ).toEqual([]);
            const [record] = auditRecordsFor(stack, error.requestId);
            if (outcome.refused === 400) {
              expect(record).toMatchObject({ event: 'input.rejected', httpStatus: 400 });
              return;
            }
            if (outcome.refused === 404) {
              expect(record).toMatchObject({ event: 'authz.denied', httpStatus: 404 });
              expect(record?.reason).toContain("the trigger's deploy target could not be read");
              return;
            }
            expect(record).toMatchObject({
              event: 'authz.denied',
              outcome: 'denied',
              httpStatus: 403,
            });
            const declared: OperationTargets = operations[name].targets;
            if (
              outcome.reason === 'scope' &&
              who.deploy?.length === 0 &&
              declared.deploy !== undefined &&
              variant.kind !== 'namespace'
            ) {
              // No deploy target configured for the user's groups: the refusal says so.
              expect(error.message).toContain('DEPLOY_SCOPES');
            }
            if (outcome.reason === 'scope' && variant.kind === 'namespace' && !variant.inScope) {
              expect(record?.targets?.map((target) => target.name)).toContain('platform');
            }
            return;
          }
          try {
            await call;
          } catch (error) {
            // An allowed call may still fail at SWR (a name taken, a thing already gone): it
            // must have been sent, and not have been refused by the console.
            expect(error, `${name} must not be refused`).not.toMatchObject({ status: 403 });
            expect(error).not.toMatchObject({ status: 400, code: 'invalid_parameter' });
          }
          const definition = operations[name];
          const path = buildPath(definition.path, paramsOf(input));
          expect(
            upstreamSince(stack, before).some((line) =>
              line.startsWith(`${REGION} ${definition.method} ${path} `),
            ),
            `${definition.method} ${path} sent to SWR`,
          ).toBe(true);
        });
      }
    }
  });
}
