/**
 * IAM users' permissions on an organization or a repository: SWR's rights for docker clients
 * (Read, Edit, Manage), not the console's roles, and the panel says so. Admins add, change and
 * remove grants; everybody else sees them read-only with the reason.
 */
import type { UserAuth } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { EmptyState } from '../../../components/ui/states';
import { QueryState } from '../../../components/ui/query-state';
import { Table, Td, Th } from '../../../components/ui/table';
import { paths } from '../../../lib/paths';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import {
  PERMISSION_OPERATIONS,
  permissionsQuery,
  useRemovePermission,
  type PermissionTarget,
} from '../api';
import { LEVEL_NAMES } from '../levels';
import { ChangePermissionDialog } from './change-permission-dialog';
import { GrantPermissionDialog } from './grant-permission-dialog';
import { LevelBadge, useLevelLabel } from './permission-level';
import { SectionHeader } from '../../../components/ui/page-header';

export interface PermissionsPanelProps {
  target: PermissionTarget;
}

export function PermissionsPanel({ target }: PermissionsPanelProps) {
  const { t } = useTranslation(['permissions', 'common']);
  const headingId = useId();
  const permissions = useQuery(permissionsQuery(target));
  const operations = PERMISSION_OPERATIONS[target.level];
  const canCreate = usePermission(operations.create);
  const canUpdate = usePermission(operations.update);
  const canRemove = usePermission(operations.remove);
  const readOnlyReason = canCreate.reason ?? canUpdate.reason ?? canRemove.reason;
  const remove = useRemovePermission(target);
  const removal = useConfirmedMutation(remove, (user: UserAuth) => user.user_id);
  const removing = removal.target;
  const levelLabel = useLevelLabel();
  const [granting, setGranting] = useState(false);
  const [changing, setChanging] = useState<UserAuth | undefined>(undefined);

  const targetName =
    target.level === 'organization' ? target.namespace : `${target.namespace}/${target.repository}`;
  const users = [...(permissions.data?.others ?? [])].sort((a, b) =>
    a.user_name.localeCompare(b.user_name),
  );

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <SectionHeader
        id={headingId}
        title={t('title')}
        description={t(
          target.level === 'organization' ? 'intro.organization' : 'intro.repository',
          { name: targetName },
        )}
        actions={
          <>
            <Button
              busy={permissions.isFetching && !permissions.isPending}
              onClick={() => {
                void permissions.refetch();
              }}
            >
              {t('common:actions.refresh')}
            </Button>
            <Button
              variant="primary"
              disabledReason={canCreate.reason}
              disabled={permissions.data === undefined}
              onClick={() => {
                setGranting(true);
              }}
            >
              {t('grant.open')}
            </Button>
          </>
        }
      />

      <div className="rounded-md border border-border bg-card px-4 py-3 text-sm">
        <p>{t('notRoles')}</p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {LEVEL_NAMES.map((name) => (
            <div key={name} className="contents">
              <dt className="font-medium">{t(`levels.${name}`)}</dt>
              <dd className="text-muted">{t(`levels.${name}Help`)}</dd>
            </div>
          ))}
        </dl>
        {target.level === 'repository' ? (
          <p className="mt-2">
            {t('organizationAlso', { namespace: target.namespace })}{' '}
            <Link
              className="font-medium text-primary hover:underline"
              to={`${paths.organization(target.region, target.namespace)}?tab=permissions`}
            >
              {t('organizationLink', { namespace: target.namespace })}
            </Link>
          </p>
        ) : null}
      </div>

      {readOnlyReason === undefined ? null : (
        <p role="note" className="rounded-md border border-warning/60 px-3 py-2 text-sm">
          {t('readOnly', { reason: readOnlyReason })}
        </p>
      )}

      <QueryState
        query={permissions}
        what={t('failed', { name: targetName })}
        loadingLabel={t('loading')}
        keepData
      >
        {(data) => (
          <>
            <p className="text-sm text-muted">
              {t('self', {
                user: data.self.user_name,
                level: levelLabel(data.self.auth),
              })}
            </p>
            {users.length === 0 ? (
              <EmptyState title={t('empty', { name: targetName })}>{t('emptyHint')}</EmptyState>
            ) : (
              <Table caption={t('caption', { name: targetName })}>
                <thead>
                  <tr>
                    <Th>{t('userName')}</Th>
                    <Th>{t('userId')}</Th>
                    <Th>{t('level')}</Th>
                    <Th>
                      <span className="sr-only">{t('actions')}</span>
                    </Th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <tr key={user.user_id} className="hover:bg-hover">
                      <Td className="font-medium">{user.user_name}</Td>
                      <Td className="font-mono text-sm">{user.user_id}</Td>
                      <Td>
                        <LevelBadge auth={user.auth} />
                      </Td>
                      <Td className="whitespace-nowrap text-right">
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={t('change.label', { user: user.user_name })}
                          disabledReason={canUpdate.reason}
                          onClick={() => {
                            setChanging(user);
                          }}
                        >
                          {t('change.open')}
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={t('remove.label', { user: user.user_name })}
                          disabledReason={canRemove.reason}
                          onClick={() => {
                            removal.ask(user);
                          }}
                        >
                          {t('remove.open')}
                        </Button>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </>
        )}
      </QueryState>

      {granting ? (
        <GrantPermissionDialog
          target={target}
          current={permissions.data}
          targetName={targetName}
          onClose={() => {
            setGranting(false);
          }}
        />
      ) : null}
      {changing === undefined ? null : (
        <ChangePermissionDialog
          target={target}
          user={changing}
          targetName={targetName}
          onClose={() => {
            setChanging(undefined);
          }}
        />
      )}
      <ConfirmDialog
        title={t('remove.title', { user: removing?.user_name ?? '' })}
        effect={
          removing === undefined
            ? null
            : t(
                target.level === 'organization'
                  ? 'remove.effectOrganization'
                  : 'remove.effectRepository',
                {
                  user: removing.user_name,
                  level: levelLabel(removing.auth),
                  name: targetName,
                },
              )
        }
        confirmLabel={t('remove.confirm')}
        {...removal.dialog}
      />
    </section>
  );
}
