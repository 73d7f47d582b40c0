/**
 * Creating an organization: the name is checked against SWR's rule as you type; the rule is the
 * field's help, and the error says what exactly is wrong with the typed name. What only the server
 * knows (the name is taken) appears next to the field too.
 */
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input } from '../../../components/ui/field';
import { ErrorNotice } from '../../../components/ui/states';
import { describeError } from '../../../lib/errors';
import { useCreateOrganization } from '../api';
import { namespaceNameProblem } from '../name-problem';

/** What is wrong with the typed name, in words, or undefined when SWR's rule accepts it. */
function describeProblem(name: string, t: TFunction): string | undefined {
  const problem = namespaceNameProblem(name);
  if (problem === undefined) return undefined;
  if (problem.kind === 'reserved') return t('organizations:create.reserved');
  return t(`organizations:create.problem.${problem.kind}`, problem);
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
  const problem = describeProblem(name, t);
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
