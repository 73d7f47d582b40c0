/**
 * Creating an organization: the name is checked against SWR's rule as you type, the rule is
 * explained, and what only the server knows (the name is taken) appears next to the field.
 */
import { namespaceName, RESERVED_NAMESPACES } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input } from '../../../components/ui/field';
import { ErrorNotice } from '../../../components/ui/states';
import { describeError } from '../../../lib/errors';
import { useCreateOrganization } from '../api';

/** Why a name cannot be an organization, or undefined when it can. */
export function nameProblem(name: string, t: (key: string) => string): string | undefined {
  if (name === '') return undefined;
  if (RESERVED_NAMESPACES.includes(name)) return t('organizations:create.reserved');
  return namespaceName.safeParse(name).success ? undefined : t('organizations:create.rule');
}

export function CreateOrganizationDialog({
  region,
  open,
  onClose,
  onCreated,
}: {
  region: string;
  open: boolean;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const { t } = useTranslation(['organizations', 'common']);
  const [name, setName] = useState('');
  const create = useCreateOrganization(region);
  const problem = nameProblem(name, t);
  const serverError = create.isError ? describeError(create.error, t) : undefined;
  const close = () => {
    setName('');
    create.reset();
    onClose();
  };
  const submit = () => {
    create.mutate(
      { namespace: name },
      {
        onSuccess: () => {
          onCreated(name);
          close();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      title={t('create.title')}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>{t('common:actions.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="create-organization"
            busy={create.isPending}
            disabled={name === '' || problem !== undefined}
          >
            {t('common:actions.create')}
          </Button>
        </>
      }
    >
      <form
        id="create-organization"
        onSubmit={(event) => {
          event.preventDefault();
          if (name !== '' && problem === undefined) submit();
        }}
      >
        <Field
          label={t('create.name')}
          help={t('create.rule')}
          error={problem ?? (serverError?.swrCode === undefined ? undefined : serverError.message)}
        >
          {(control) => (
            <Input
              {...control}
              value={name}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              onChange={(event) => {
                setName(event.target.value);
                if (create.isError) create.reset();
              }}
            />
          )}
        </Field>
      </form>
      {create.isError && serverError?.swrCode === undefined ? (
        <ErrorNotice error={create.error} />
      ) : null}
    </Dialog>
  );
}
