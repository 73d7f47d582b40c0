/**
 * Syncing chosen tags now: pick tags from the repository's tags (searched on the server), choose
 * the target, and sync. SWR answers with the tags that failed; the tab shows them.
 */
import { MANUAL_SYNC_TAGS_MAX } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { MultiSelect } from '../../../components/ui/multi-select';
import { ErrorNotice } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { tagOptionsQuery, useManualSync, type RepositoryRef } from '../api';
import { organizationRefusal } from '../sync-errors';
import { organizationProblem, TargetFields, type TargetValue } from './target-fields';

/** How long the tag search waits for typing to pause before asking SWR. */
const SEARCH_DELAY_MS = 250;

export interface ManualSyncResult {
  tags: string[];
  failed: string[];
  target: TargetValue;
}

export function ManualSyncDialog({
  repository,
  regions,
  onClose,
  onSynced,
}: {
  repository: RepositoryRef;
  regions: readonly string[];
  onClose: () => void;
  onSynced: (result: ManualSyncResult) => void;
}) {
  const { t } = useTranslation(['sync', 'common']);
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [target, setTarget] = useState<TargetValue>({
    remoteRegionId: regions[0] ?? '',
    remoteNamespace: '',
    override: false,
  });
  const options = useQuery(tagOptionsQuery(repository, search));
  const sync = useManualSync(repository);
  const refusal = sync.isError ? organizationRefusal(sync.error, t) : undefined;
  const invalid =
    tags.length === 0 ||
    target.remoteNamespace === '' ||
    organizationProblem(target.remoteNamespace, t) !== undefined;
  const status = options.isPending
    ? t('manual.tagsLoading')
    : options.isError
      ? null
      : t('manual.tagsShown', {
          shown: format.number(options.data.tags.length),
          count: options.data.total,
          total: format.number(options.data.total),
        });

  return (
    <Dialog
      open
      wide
      title={t('manual.title')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="manual-sync"
            busy={sync.isPending}
            disabled={invalid}
          >
            {t('manual.submit', { count: tags.length })}
          </Button>
        </>
      }
    >
      <form
        id="manual-sync"
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (invalid) return;
          sync.mutate(
            { imageTag: tags, ...target },
            {
              onSuccess: (failed) => {
                onSynced({ tags, failed, target });
                onClose();
              },
            },
          );
        }}
      >
        <MultiSelect
          label={t('manual.tags')}
          searchLabel={t('manual.searchTags')}
          searchPlaceholder={t('manual.searchPlaceholder')}
          search={search}
          onSearchChange={setSearch}
          searchDelayMs={SEARCH_DELAY_MS}
          options={options.data?.tags ?? []}
          selected={tags}
          onChange={(next) => {
            setTags(next);
            if (sync.isError) sync.reset();
          }}
          status={
            options.isError ? (
              <span className="flex flex-wrap items-center gap-2">
                <ErrorNotice error={options.error} what={t('manual.tagsFailed')} />
                <Button size="sm" onClick={() => void options.refetch()}>
                  {t('common:actions.retry')}
                </Button>
              </span>
            ) : (
              status
            )
          }
          emptyText={
            options.isPending
              ? t('manual.tagsLoading')
              : search === ''
                ? t('manual.noTags')
                : t('manual.noMatch', { search })
          }
          selectedText={t('manual.selected', { count: tags.length })}
          removeLabel={(tag) => t('manual.removeTag', { tag })}
          max={MANUAL_SYNC_TAGS_MAX}
          help={t('manual.tagsHelp', { max: MANUAL_SYNC_TAGS_MAX })}
        />
        <TargetFields
          regions={regions}
          value={target}
          onChange={(next) => {
            setTarget(next);
            if (sync.isError) sync.reset();
          }}
          organizationError={refusal}
        />
      </form>
      {sync.isError && refusal === undefined ? (
        <ErrorNotice error={sync.error} what={t('manual.failed')} />
      ) : null}
    </Dialog>
  );
}
