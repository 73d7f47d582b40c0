/**
 * The emulator's demo accounts as data: `demo-ops` (the console's account, its IAM users) and
 * `partner-corp` (another account, which shares images with it), their fixed keys, and the ids
 * derived from names, so that they are the same on every machine. The emulator's default
 * configuration is built from them; tests and stacks read them here.
 */
import { createHash } from 'node:crypto';

export interface CredentialFixture {
  ak: string;
  sk: string;
  securityToken?: string;
}

export interface IamUserFixture {
  id: string;
  name: string;
  credentials: CredentialFixture[];
  enabled: boolean;
  canListUsers: boolean;
  canReadClusters: boolean;
}

export interface AccountFixture {
  name: string;
  id: string;
  users: IamUserFixture[];
}

/** A stable 32-hex id from a name, so demo ids are the same on every machine. */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The project id of an account in a region: derived, like SWR's per-region projects. */
export function projectIdOf(account: Pick<AccountFixture, 'id'>, region: string): string {
  return stableId('project', account.id, region);
}

/**
 * The demo credentials. They open nothing but this emulator, so they are fixed and printed at
 * start; a real deployment of the console never uses them.
 */
export const DEMO_CREDENTIALS = {
  ak: 'EMULATORDEMOAK000001',
  sk: 'emulator-demo-sk-0000000000000000000000001',
} as const;
export const PARTNER_CREDENTIALS = {
  ak: 'EMULATORPARTNERAK001',
  sk: 'emulator-partner-sk-00000000000000000000001',
} as const;

/** The console's demo account, and the other account that shares images with it. */
export const DEMO_ACCOUNT = 'demo-ops';
export const PARTNER_ACCOUNT = 'partner-corp';
/** The demo account's id (the console's `HWC_DOMAIN_ID`). */
export const DEMO_ACCOUNT_ID = stableId('account', DEMO_ACCOUNT);

/**
 * The demo account's IAM users without keys: the people the demo seed grants permissions to
 * (same ids), one nobody has granted anything yet, and one who left (disabled).
 */
const DEMO_IAM_USERS = [
  'alice-dev',
  'bob-ops',
  'carol-sec',
  'ci-pipeline',
  'dave-data',
  'erin-ml',
  'frank-web',
  'grace-qa',
  'old-contractor',
] as const;

function demoIamUsers(account: string): IamUserFixture[] {
  return DEMO_IAM_USERS.map((name) => ({
    id: stableId('iam', account, name),
    name,
    credentials: [],
    enabled: name !== 'old-contractor',
    canListUsers: false,
    canReadClusters: false,
  }));
}

/** The accounts whose keys the emulator accepts by default (new objects on every call). */
export function demoAccounts(): AccountFixture[] {
  const demoAccount: AccountFixture = {
    name: DEMO_ACCOUNT,
    id: DEMO_ACCOUNT_ID,
    users: [
      {
        id: stableId('user', DEMO_ACCOUNT, 'ops-admin'),
        name: 'ops-admin',
        credentials: [{ ...DEMO_CREDENTIALS }],
        enabled: true,
        canListUsers: true,
        canReadClusters: true,
      },
      ...demoIamUsers(DEMO_ACCOUNT),
    ],
  };
  const partnerAccount: AccountFixture = {
    name: PARTNER_ACCOUNT,
    id: stableId('account', PARTNER_ACCOUNT),
    users: [
      {
        id: stableId('user', PARTNER_ACCOUNT, 'partner-admin'),
        name: 'partner-admin',
        credentials: [{ ...PARTNER_CREDENTIALS }],
        enabled: true,
        canListUsers: true,
        canReadClusters: true,
      },
    ],
  };
  return [demoAccount, partnerAccount];
}
