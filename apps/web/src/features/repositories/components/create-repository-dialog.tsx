/**
 * Creating a repository: the organization, a name checked against SWR's rule as you type (the
 * rule is explained), public or private, one of SWR's 8 categories and a description. What only
 * SWR knows (the name is taken, the organization is gone) appears next to the field concerned.
 */
import {
  REPOSITORY_CATEGORIES,
  repositoryName,
  type RepositoryCategory,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input, Select } from '../../../components/ui/field';
import { ErrorNotice } from '../../../components/ui/states';
import { describeError, fieldError } from '../../../lib/errors';
import { organizationsQuery } from '../../../lib/swr-queries';
import { useCreateRepository, type RepositoryRef } from '../api';
import type { Visibility } from '../list-state';
import { RepositoryFields } from './repository-fields';

/** SWR codes that concern the name, and the organization. */
const NAME_CODES = ['SVCSTG.SWR.4090006', 'SVCSTG.SWR.4001029'];
const NAMESPACE_CODES = ['SVCSTG.SWR.4040058', 'SVCSTG.SWR.4001028'];

/** Why a name cannot be a repository, or undefined when it can (or is still empty). */
export function repositoryNameProblem(
  name: string,
  t: (key: string) => string,
): string | undefined {
  if (name === '') return undefined;
  return repositoryName.safeParse(name).success ? undefined : t('repositories:create.rule');
}

export interface CreateRepositoryDialogProps {
  region: string;
  open: boolean;
  /** The organization to preselect (an organization's page). */
  namespace?: string | undefined;
  onClose: () => void;
  onCreated: (created: RepositoryRef) => void;
}

export function CreateRepositoryDialog(props: CreateRepositoryDialogProps) {
  const { t } = useTranslation(['repositories', 'common']);
  const organizations = useQuery({ ...organizationsQuery(props.region), enabled: props.open });
  const [namespace, setNamespace] = useState(props.namespace ?? '');
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('private');
  const [category, setCategory] = useState<RepositoryCategory>('other');
  const [description, setDescription] = useState('');
  const create = useCreateRepository(props.region);

  const problem = repositoryNameProblem(name, t);
  const server = create.isError ? describeError(create.error, t) : undefined;
  const serverCode = server?.swrCode;
  const nameError =
    problem ??
    fieldError(create.error, 'repository') ??
    (serverCode !== undefined && NAME_CODES.includes(serverCode) ? server?.message : undefined);
  const namespaceError =
    serverCode !== undefined && NAMESPACE_CODES.includes(serverCode) ? server?.message : undefined;
  const descriptionError = fieldError(create.error, 'description');
  const shownNextToField =
    nameError !== undefined || namespaceError !== undefined || descriptionError !== undefined;
  const ready = namespace !== '' && name !== '' && problem === undefined;

  const close = () => {
    setNamespace(props.namespace ?? '');
    setName('');
    setVisibility('private');
    setCategory('other');
    setDescription('');
    create.reset();
    props.onClose();
  };
  const edited = () => {
    if (create.isError) create.reset();
  };
  const submit = () => {
    create.mutate(
      {
        namespace,
        body: {
          repository: name,
          is_public: visibility === 'public',
          category,
          ...(description.trim() === '' ? {} : { description }),
        },
      },
      {
        onSuccess: () => {
          props.onCreated({ namespace, repository: name });
          close();
        },
      },
    );
  };

  return (
    <Dialog
      open={props.open}
      title={t('create.title')}
      onClose={close}
      wide
      footer={
        <>
          <Button onClick={close}>{t('common:actions.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="create-repository"
            busy={create.isPending}
            disabled={!ready}
          >
            {t('common:actions.create')}
          </Button>
        </>
      }
    >
      <form
        id="create-repository"
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) submit();
        }}
      >
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Field
            label={t('create.organization')}
            error={
              namespaceError ??
              (organizations.isError ? t('create.organizationsFailed') : undefined)
            }
          >
            {(control) => (
              <Select
                {...control}
                value={namespace}
                required
                disabled={organizations.isPending}
                onChange={(event) => {
                  setNamespace(event.target.value);
                  edited();
                }}
              >
                <option value="">
                  {organizations.isPending ? t('create.loadingOrganizations') : t('create.choose')}
                </option>
                {(organizations.data ?? []).map((ns) => (
                  <option key={ns.name} value={ns.name}>
                    {ns.name}
                  </option>
                ))}
                {props.namespace !== undefined &&
                organizations.data?.some((ns) => ns.name === props.namespace) !== true ? (
                  <option value={props.namespace}>{props.namespace}</option>
                ) : null}
              </Select>
            )}
          </Field>
          <Field label={t('create.name')} help={t('create.rule')} error={nameError}>
            {(control) => (
              <Input
                {...control}
                value={name}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                maxLength={128}
                onChange={(event) => {
                  setName(event.target.value);
                  edited();
                }}
              />
            )}
          </Field>
        </div>
        {namespace !== '' && name !== '' && problem === undefined ? (
          <p className="text-sm text-muted">
            {t('create.preview')}{' '}
            <code className="font-mono text-fg">
              {namespace}/{name}
            </code>
          </p>
        ) : null}
        <RepositoryFields
          visibility={visibility}
          category={category}
          description={description}
          descriptionError={descriptionError}
          onVisibilityChange={(next) => {
            setVisibility(next);
            edited();
          }}
          onCategoryChange={(value) => {
            const next = REPOSITORY_CATEGORIES.find((c) => c === value);
            if (next !== undefined) setCategory(next);
            edited();
          }}
          onDescriptionChange={(next) => {
            setDescription(next);
            edited();
          }}
        />
      </form>
      {create.isError && !shownNextToField ? <ErrorNotice error={create.error} /> : null}
    </Dialog>
  );
}
