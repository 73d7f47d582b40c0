/**
 * The role × operation matrix (docs/security.md B5, case 8) for all 44 SWR operations, against the
 * emulator's demo seed and the real local OpenID Provider. Each role signs in through the
 * provider and runs the whole operation table through the web app's typed client. Where the role
 * lacks the operation's capability: 403 `forbidden` with the reason, nothing sent to SWR, and an
 * `authz.denied` record. Where it has it: the call reaches SWR on the expected path and succeeds
 * (mutations leave a finished audit record). `/api/me` tells the UI the same for every operation.
 */
import {
  operationNames,
  operations,
  type Capability,
  type OperationName,
  type OperationTargets,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRecordsFor,
  directClient,
  failureOf,
  REGION,
  ROLE_ACCOUNTS,
  signInAs,
  startOidcConsole,
  upstreamSince,
  type OidcConsole,
  type RoleKey,
  type SignedIn,
} from './support/oidc-console';
import {
  callStep,
  lookUpSeed,
  OPERATION_TABLE,
  tableCoversContract,
  upstreamPathOf,
  type SeededIds,
  type TableContext,
} from './support/operation-table';

type Role = 'viewer' | 'operator' | 'admin';

/** The capability each role needs at least (written out here, not imported from the BFF). */
const MIN_ROLE: Record<Capability, Role> = {
  read: 'viewer',
  write: 'operator',
  credential: 'operator',
  admin: 'admin',
};
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

interface RoleCase {
  key: RoleKey;
  label: string;
  role: Role;
  /** Limited to `payments*`. */
  scoped: boolean;
  /** Names this role's throwaway things. */
  who: string;
}

const ROLES: readonly RoleCase[] = [
  { key: 'viewer', label: 'viewer', role: 'viewer', scoped: false, who: 'viewer' },
  { key: 'operator', label: 'operator', role: 'operator', scoped: false, who: 'operator' },
  { key: 'admin', label: 'admin', role: 'admin', scoped: false, who: 'admin' },
  {
    key: 'scopedOperator',
    label: 'scoped operator (payments*)',
    role: 'operator',
    scoped: true,
    who: 'scoped',
  },
];

type Expected = { allowed: true } | { allowed: false; reason: 'role' | 'scope' };

function expectedFor(roleCase: RoleCase, name: OperationName): Expected {
  const capability = operations[name].capability;
  if (RANK[roleCase.role] < RANK[MIN_ROLE[capability]]) return { allowed: false, reason: 'role' };
  // Every input of the table stays in `payments`; only a docker login opens more than that.
  if (roleCase.scoped && capability === 'credential') return { allowed: false, reason: 'scope' };
  // No deploy targets are configured here (DEPLOY_SCOPES): a scoped user's triggers go nowhere.
  const targets: OperationTargets = operations[name].targets;
  if (roleCase.scoped && targets.deploy !== undefined) return { allowed: false, reason: 'scope' };
  return { allowed: true };
}

let console_: OidcConsole;
let seeded: SeededIds;
let spareTags: string[];

beforeAll(async () => {
  console_ = await startOidcConsole();
  ({ seeded, spareTags } = await lookUpSeed(directClient(console_.stack)));
  expect(spareTags.length).toBeGreaterThanOrEqual(ROLES.length);
});
afterAll(async () => {
  await console_.close();
});

it('the operation table names each of the 44 operations once', () => {
  expect(operationNames).toHaveLength(44);
  expect(tableCoversContract()).toEqual({ missing: [], extra: [] });
});

it('the matrix has every capability with its minimum role', () => {
  const capabilities = new Set(operationNames.map((name) => operations[name].capability));
  expect([...capabilities].sort()).toEqual(['admin', 'credential', 'read', 'write']);
});

ROLES.forEach((roleCase, index) => {
  describe(roleCase.label, () => {
    let user: SignedIn;
    const ctx: TableContext = {
      who: roleCase.who,
      seeded: { retentionId: 0 },
      spareTag: '',
      created: {},
    };

    beforeAll(async () => {
      user = await signInAs(console_.stack, ROLE_ACCOUNTS[roleCase.key]);
      ctx.seeded = seeded;
      ctx.spareTag = spareTags[index] ?? '';
    });

    it('/api/me: role, organizations and a permission for every operation that matches the matrix', async () => {
      const me = await user.browser.get('/api/me');
      expect(me.status).toBe(200);
      const body = me.json as {
        user: { role: string };
        namespaces: string[] | null;
        permissions: Record<string, { allowed: boolean; reason?: string; message?: string }>;
      };
      expect(body.user.role).toBe(roleCase.role);
      expect(body.namespaces).toEqual(roleCase.scoped ? ['payments*'] : null);
      expect(Object.keys(body.permissions).sort()).toEqual([...operationNames].sort());
      for (const name of operationNames) {
        const expected = expectedFor(roleCase, name);
        const permission = body.permissions[name];
        expect(permission, `/api/me permissions.${name}`).toEqual(
          expected.allowed
            ? { allowed: true }
            : { allowed: false, reason: expected.reason, message: permission?.message },
        );
        if (!expected.allowed) expect(permission?.message, name).toMatch(/\S/);
      }
    });

    for (const entry of OPERATION_TABLE) {
      const expected = expectedFor(roleCase, entry.name);
      const definition = operations[entry.name];
      const title = expected.allowed
        ? `${entry.name} (${definition.capability}): reaches SWR and succeeds`
        : `${entry.name} (${definition.capability}): 403 ${expected.reason}, nothing sent, audited`;

      it(title, async () => {
        const { stack } = console_;
        const what = `${roleCase.label} → ${entry.name}`;
        const input = entry.input(ctx);
        const upstreamBefore = stack.upstreamLog.length;

        if (!expected.allowed) {
          const error = await failureOf(callStep(user.client, entry.name, input));
          expect(
            { status: error.status, code: error.code, reason: error.reason },
            `${what}: ${error.message}`,
          ).toEqual({ status: 403, code: 'forbidden', reason: expected.reason });
          expect(upstreamSince(stack, upstreamBefore), `${what}: upstream calls`).toEqual([]);
          const records = auditRecordsFor(stack, error.requestId);
          expect(records, `${what}: audit`).toHaveLength(1);
          expect(records[0], `${what}: audit`).toMatchObject({
            event: 'authz.denied',
            outcome: 'denied',
            httpStatus: 403,
            upstream: null,
            actor: { sub: user.account.id, role: roleCase.role, authMode: 'oidc' },
            request: { route: `/api/swr/:region${definition.path}` },
          });
          return;
        }

        let response: Awaited<ReturnType<typeof callStep>>;
        try {
          response = await callStep(user.client, entry.name, input);
        } catch (error) {
          const detail =
            error instanceof Error
              ? `${error.message} ${JSON.stringify(error)}`
              : JSON.stringify(error);
          throw new Error(`${what} should succeed: ${detail}`, { cause: error });
        }
        entry.keep?.(response.result, ctx);
        expect(response.status, what).toBe(definition.status);
        const path = upstreamPathOf(entry.name, input);
        const lines = upstreamSince(stack, upstreamBefore);
        expect(
          lines.some((line) =>
            line.startsWith(`${REGION} ${definition.method} ${path} ${definition.status} `),
          ),
          `${what}: expected ${definition.method} ${path} upstream, got ${JSON.stringify(lines)}`,
        ).toBe(true);
        const records = auditRecordsFor(stack, response.requestId);
        if (definition.method === 'GET') {
          expect(records, `${what}: reads are not audited`).toEqual([]);
        } else {
          expect(records, `${what}: audit`).toHaveLength(1);
          expect(records[0], `${what}: audit`).toMatchObject({
            event: `swr.${entry.name}`,
            outcome: 'success',
            httpStatus: definition.status,
            actor: { sub: user.account.id, role: roleCase.role },
            upstream: { method: definition.method, path, status: definition.status },
          });
        }
      });
    }
  });
});
