/**
 * A red confirmation that states the effect. For the worst cases (deleting an organization or a
 * repository) the user types the name before the button works.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { Dialog } from './dialog';
import { Field, Input } from './field';
import { ErrorNotice } from './states';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words. */
  effect: ReactNode;
  confirmLabel: string;
  /** When set, the user must type this to confirm. */
  typedName?: string;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const matches = props.typedName === undefined || typed === props.typedName;
  const close = () => {
    setTyped('');
    props.onClose();
  };
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>{t('actions.cancel')}</Button>
          <Button
            variant="danger"
            busy={props.busy === true}
            disabledReason={matches ? undefined : t('confirm.typeToEnable')}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-sm">{props.effect}</div>
      {props.typedName === undefined ? null : (
        <Field label={t('confirm.typeName', { name: props.typedName })}>
          {(control) => (
            <Input
              {...control}
              value={typed}
              autoComplete="off"
              onChange={(event) => {
                setTyped(event.target.value);
              }}
            />
          )}
        </Field>
      )}
      {props.error === undefined || props.error === null ? null : (
        <ErrorNotice error={props.error} />
      )}
    </Dialog>
  );
}
