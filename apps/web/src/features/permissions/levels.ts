/** SWR's permission levels by name: read (1), edit (3), manage (7). */
import { PERMISSION_LEVELS, type PermissionLevel } from '@swr-dashboard/swr-client/browser';

export type LevelName = keyof typeof PERMISSION_LEVELS;
export const LEVEL_NAMES = ['read', 'edit', 'manage'] as const satisfies readonly LevelName[];

/** The name of a level SWR answered with, or undefined for a value the console does not know. */
export function levelName(auth: number): LevelName | undefined {
  return LEVEL_NAMES.find((name) => PERMISSION_LEVELS[name] === auth);
}

export function levelValue(name: LevelName): PermissionLevel {
  return PERMISSION_LEVELS[name];
}
