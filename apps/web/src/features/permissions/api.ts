/**
 * IAM users' permissions (SWR's rights for docker clients) at organization and repository level:
 * one query and three mutations that pick the operation by level. Keys live under the owner's
 * keys (the organization's, or the repository's detail), so deleting the owner drops them too.
 */
import {
  iamUsersEndpoint,
  type OperationInput,
  type UserAuth,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

export type PermissionTarget =
  | { level: 'organization'; region: string; namespace: string }
  | { level: 'repository'; region: string; namespace: string; repository: string };

/** The operations of each level, for `usePermission`. */
export const PERMISSION_OPERATIONS = {
  organization: {
    show: 'showNamespaceAuth',
    create: 'createNamespaceAuth',
    update: 'updateNamespaceAuth',
    remove: 'deleteNamespaceAuth',
  },
  repository: {
    show: 'showUserRepositoryAuth',
    create: 'createUserRepositoryAuth',
    update: 'updateUserRepositoryAuth',
    remove: 'deleteUserRepositoryAuth',
  },
} as const;

/** One grant as the permission operations take it: user id, user name and level (1, 3 or 7). */
export type PermissionGrant = OperationInput<'createNamespaceAuth'>['body'][number];

export const permissionKeys = {
  of: (target: PermissionTarget) =>
    target.level === 'organization'
      ? ([...swrKeys.organizations(target.region), 'permissions', target.namespace] as const)
      : ([...swrKeys.repository(target), 'permissions'] as const),
};

export interface Permissions {
  /** The IAM user the console acts as in SWR; SWR does not let it change its own permission. */
  self: UserAuth;
  /** Everybody else with a permission. */
  others: UserAuth[];
}

export const permissionsQuery = (target: PermissionTarget) =>
  queryOptions({
    queryKey: permissionKeys.of(target),
    queryFn: async ({ signal }): Promise<Permissions> => {
      const client = swr(target.region);
      const answer =
        target.level === 'organization'
          ? await client.showNamespaceAuth({ params: { namespace: target.namespace } }, { signal })
          : await client.showUserRepositoryAuth(
              { params: { namespace: target.namespace, repository: target.repository } },
              { signal },
            );
      // `others_auths` may list the caller too (docs/swr-api.md, "Permissions").
      const others = answer.others_auths.filter(
        (user) => user.user_id !== answer.self_auth.user_id,
      );
      return { self: answer.self_auth, others };
    },
  });

/** The account's IAM users, as the BFF reads them from IAM for the user picker (admins only). */
export const iamUserKeys = {
  all: ['directory', 'iam-users'] as const,
  list: () => [...iamUserKeys.all, 'list'] as const,
};

/**
 * IAM users for the grant dialog's picker: `available: false` (with a reason) when the console
 * cannot list them, and the dialog keeps typed entry. The BFF keeps the list a minute too.
 */
export const iamUsersQuery = () =>
  queryOptions({
    queryKey: iamUserKeys.list(),
    queryFn: ({ signal }) => bff(iamUsersEndpoint, {}, { signal }),
    staleTime: 60_000,
  });

function useInvalidate(target: PermissionTarget) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: permissionKeys.of(target) });
}

export function useGrantPermission(target: PermissionTarget) {
  const invalidate = useInvalidate(target);
  return useMutation({
    mutationFn: (grant: PermissionGrant) => {
      const client = swr(target.region);
      return target.level === 'organization'
        ? client.createNamespaceAuth({ params: { namespace: target.namespace }, body: [grant] })
        : client.createUserRepositoryAuth({
            params: { namespace: target.namespace, repository: target.repository },
            body: [grant],
          });
    },
    onSuccess: invalidate,
  });
}

export function useChangePermission(target: PermissionTarget) {
  const invalidate = useInvalidate(target);
  return useMutation({
    mutationFn: (grant: PermissionGrant) => {
      const client = swr(target.region);
      return target.level === 'organization'
        ? client.updateNamespaceAuth({ params: { namespace: target.namespace }, body: [grant] })
        : client.updateUserRepositoryAuth({
            params: { namespace: target.namespace, repository: target.repository },
            body: [grant],
          });
    },
    onSuccess: invalidate,
  });
}

export function useRemovePermission(target: PermissionTarget) {
  const invalidate = useInvalidate(target);
  return useMutation({
    mutationFn: (userId: string) => {
      const client = swr(target.region);
      return target.level === 'organization'
        ? client.deleteNamespaceAuth({ params: { namespace: target.namespace }, body: [userId] })
        : client.deleteUserRepositoryAuth({
            params: { namespace: target.namespace, repository: target.repository },
            body: [userId],
          });
    },
    onSuccess: invalidate,
  });
}
