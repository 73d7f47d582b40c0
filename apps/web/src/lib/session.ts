/**
 * The signed-in user and what they may do, and signing out: what the shell and every page need.
 * (Signing in is the sign-in feature's.)
 */
import {
  CAPABILITY_ROLES,
  isSwrError,
  meEndpoint,
  signOutEndpoint,
  type MeResponse,
  operations,
  type OperationName,
  type OperationTargets,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bff } from './api';

export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
};

export const meQuery = () =>
  queryOptions({
    queryKey: sessionKeys.me(),
    queryFn: ({ signal }) => bff(meEndpoint, {}, { signal }),
    staleTime: 60_000,
    retry: (count, error) => !(isSwrError(error) && error.status === 401) && count < 2,
  });

export function signOut(): Promise<{ logoutUrl: string | null }> {
  return bff(signOutEndpoint, {});
}

/** The signed-in user; only used under the session guard, where it is loaded. */
export function useMe(): MeResponse {
  const { data } = useQuery(meQuery());
  if (data === undefined) throw new Error('useMe outside a signed-in page');
  return data;
}

/** Whether the user may run an operation; if not, the reason to show on the disabled control. */
export function usePermission(name: OperationName): {
  allowed: boolean;
  reason: string | undefined;
} {
  const me = useMe();
  const { t } = useTranslation();
  const permission = me.permissions[name];
  if (permission.allowed) return { allowed: true, reason: undefined };
  const needed = CAPABILITY_ROLES[operations[name].capability];
  return {
    allowed: false,
    reason:
      permission.reason === 'role'
        ? t('permissions.needsRole', {
            role: t(`roles.${needed}`),
            current: t(`roles.${me.user.role}`),
          })
        : scopeReason(name, me, t),
  };
}

/** Why a limited user may not run an operation at all, from what the operation names. */
function scopeReason(
  name: OperationName,
  me: MeResponse,
  t: (key: string, values?: Record<string, string>) => string,
): string {
  const targets: OperationTargets = operations[name].targets;
  if (targets.deploy !== undefined && me.deployTargets?.length === 0) {
    return t('permissions.noDeployTargets');
  }
  return t('permissions.outsideScope', { patterns: (me.namespaces ?? []).join(', ') });
}
