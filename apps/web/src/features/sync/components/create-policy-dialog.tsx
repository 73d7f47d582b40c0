/**
 * A new automatic sync policy: every tag pushed from now on is copied to the target. Targets
 * that already have a policy are refused as typed; what only SWR knows (the organization does
 * not exist there) appears next to the field.
 */
import type { SyncRepo } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { ErrorNotice } from '../../../components/ui/states';
import { useCreateSyncPolicy, type RepositoryRef } from '../api';
import { organizationRefusal } from '../sync-errors';
import { organizationProblem, TargetFields, type TargetValue } from './target-fields';

export function CreatePolicyDialog({
  repository,
  regions,
  policies,
  onClose,
}: {
  repository: RepositoryRef;
  regions: readonly string[];
  policies: readonly SyncRepo[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['sync', 'common']);
  const [target, setTarget] = useState<TargetValue>({
    remoteRegionId: regions[0] ?? '',
    remoteNamespace: '',
    override: false,
  });
  const create = useCreateSyncPolicy(repository);
  const duplicate = policies.some(
    (policy) =>
      policy.remoteRegionId === target.remoteRegionId &&
      policy.remoteNamespace === target.remoteNamespace,
  );
  const refusal = create.isError ? organizationRefusal(create.error, t) : undefined;
  const invalid =
    target.remoteNamespace === '' ||
    organizationProblem(target.remoteNamespace, t) !== undefined ||
    duplicate;
  return (
    <Dialog
      open
      title={t('policy.createTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="create-sync-policy"
            busy={create.isPending}
            disabled={invalid}
          >
            {t('common:actions.create')}
          </Button>
        </>
      }
    >
      <p className="text-sm text-muted">
        {t('policy.createIntro', { name: `${repository.namespace}/${repository.repository}` })}
      </p>
      <form
        id="create-sync-policy"
        onSubmit={(event) => {
          event.preventDefault();
          if (invalid) return;
          create.mutate({ ...target, syncAuto: true }, { onSuccess: onClose });
        }}
      >
        <TargetFields
          regions={regions}
          value={target}
          onChange={(next) => {
            setTarget(next);
            if (create.isError) create.reset();
          }}
          organizationError={duplicate ? t('policy.duplicate') : refusal}
        />
      </form>
      {create.isError && refusal === undefined ? (
        <ErrorNotice error={create.error} what={t('policy.createFailed')} />
      ) : null}
    </Dialog>
  );
}
