/**
 * Editing a repository's attributes: public or private, category and description. Mounted while
 * open, with the repository's current values; a failure keeps what was typed.
 */
import {
  REPOSITORY_CATEGORIES,
  type RepositoryCategory,
  type RepositorySummary,
} from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { ErrorNotice } from '../../../components/ui/states';
import { fieldError } from '../../../lib/errors';
import { useUpdateRepository } from '../api';
import type { Visibility } from '../list-state';
import { RepositoryFields } from './repository-fields';

/** SWR's `arms` is the console's `arm`; a category SWR added later is kept as it is. */
function presetCategory(category: string): RepositoryCategory | undefined {
  const normalized = category === 'arms' ? 'arm' : category;
  return REPOSITORY_CATEGORIES.find((preset) => preset === normalized);
}

export interface EditRepositoryDialogProps {
  region: string;
  repository: RepositorySummary;
  onClose: () => void;
}

export function EditRepositoryDialog({ region, repository, onClose }: EditRepositoryDialogProps) {
  const { t } = useTranslation(['repositories', 'common']);
  const initialCategory = presetCategory(repository.category);
  const [visibility, setVisibility] = useState<Visibility>(
    repository.is_public ? 'public' : 'private',
  );
  const [category, setCategory] = useState<string>(initialCategory ?? repository.category);
  const [description, setDescription] = useState(repository.description);
  const update = useUpdateRepository(region);
  const fullName = `${repository.namespace}/${repository.name}`;
  const descriptionError = fieldError(update.error, 'description');
  const chosenCategory = presetCategory(category);

  const edited = () => {
    if (update.isError) update.reset();
  };
  const submit = () => {
    update.mutate(
      {
        namespace: repository.namespace,
        repository: repository.name,
        body: {
          is_public: visibility === 'public',
          // A category the console does not know is left as it is.
          ...(chosenCategory === undefined ? {} : { category: chosenCategory }),
          description,
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open
      title={t('edit.title', { name: fullName })}
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button variant="primary" type="submit" form="edit-repository" busy={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </>
      }
    >
      <form
        id="edit-repository"
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <RepositoryFields
          visibility={visibility}
          category={category}
          description={description}
          // A category the console does not know stays a choice, as it is.
          otherCategory={initialCategory === undefined ? repository.category : undefined}
          descriptionError={descriptionError}
          onVisibilityChange={(next) => {
            setVisibility(next);
            edited();
          }}
          onCategoryChange={(next) => {
            setCategory(next);
            edited();
          }}
          onDescriptionChange={(next) => {
            setDescription(next);
            edited();
          }}
        />
      </form>
      {update.isError && descriptionError === undefined ? (
        <ErrorNotice error={update.error} what={t('edit.failed')} />
      ) : null}
    </Dialog>
  );
}
