/**
 * A red confirmation that states the effect. For the worst cases (deleting an organization or a
 * repository) the user types the name before the button works; for a named risk (a tag a trigger
 * deploys) the user ticks a statement of it.
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
  /** When set, the user must tick this statement to confirm (a risk named in `effect`). */
  acknowledge?: string;
  /** Why confirming must wait (something the effect depends on is still loading). */
  blockedReason?: string;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const matches = props.typedName === undefined || typed === props.typedName;
  const ticked = props.acknowledge === undefined || acknowledged;
  const close = () => {
    setTyped('');
    setAcknowledged(false);
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
            disabledReason={
              props.blockedReason ??
              (!matches
                ? t('confirm.typeToEnable')
                : !ticked
                  ? t('confirm.tickToEnable')
                  : undefined)
            }
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
      {props.acknowledge === undefined ? null : (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={acknowledged}
            onChange={(event) => {
              setAcknowledged(event.target.checked);
            }}
          />
          <span>{props.acknowledge}</span>
        </label>
      )}
      {props.error === undefined || props.error === null ? null : (
        <ErrorNotice error={props.error} />
      )}
    </Dialog>
  );
}
