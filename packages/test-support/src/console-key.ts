/**
 * A cloud credential for stacks that do not run demo sign-in: the configuration refuses the
 * emulator's public demo key outside demo mode, so the emulator gets a second key on the demo
 * account (same projects, same seeded data) and the BFF is configured with it.
 */
import { defaultConfig, type StartOptions } from '@swr-dashboard/emulator';

export const CONSOLE_KEY = {
  ak: 'CONSOLETESTAK0000001',
  sk: 'console-test-sk-000000000000000000000000001',
} as const;

/** The BFF's environment for the key. */
export const consoleKeyEnv = { HWC_AK: CONSOLE_KEY.ak, HWC_SK: CONSOLE_KEY.sk };

/** The emulator's accounts, with the console key added to the demo account's IAM user. */
export function emulatorWithConsoleKey(): NonNullable<StartOptions['config']> {
  const accounts = defaultConfig().accounts.map((account) =>
    account.name !== 'demo-ops'
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
