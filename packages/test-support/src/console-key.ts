/**
 * A cloud credential for stacks that do not run demo sign-in: the configuration refuses the
 * emulator's public demo key outside demo mode, so the emulator gets a second key on the demo
 * account (same projects, same seeded data) and the BFF is configured with it.
 */
import { DEMO_ACCOUNT, demoAccounts, type AccountFixture } from '@swr-dashboard/emulator-fixtures';

export const CONSOLE_KEY = {
  ak: 'CONSOLETESTAK0000001',
  sk: 'console-test-sk-000000000000000000000000001',
} as const;

/** The BFF's environment for the key. */
export const consoleKeyEnv = { HWC_AK: CONSOLE_KEY.ak, HWC_SK: CONSOLE_KEY.sk };

/**
 * The emulator's accounts (an override of its configuration), with the console key added to
 * the demo account's IAM user.
 */
export function emulatorWithConsoleKey(): { accounts: AccountFixture[] } {
  const accounts = demoAccounts().map((account) =>
    account.name !== DEMO_ACCOUNT
      ? account
      : {
          ...account,
          users: account.users.map((user, index) =>
            index === 0
              ? { ...user, credentials: [...user.credentials, { ...CONSOLE_KEY }] }
              : user,
          ),
        },
  );
  return { accounts };
}
