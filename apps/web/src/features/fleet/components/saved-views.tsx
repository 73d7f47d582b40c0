/**
 * Saved views: pick one of the three built in or of the user's own; save the current view under a
 * name; rename or delete the user's views. The picker shows the view the URL is in, if any.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input, Select } from '../../../components/ui/field';
import { BUILT_IN_VIEWS, VIEW_NAME_MAX, viewNameProblem, type SavedView } from '../saved-views';

export interface SavedViewsBarProps {
  /** The id of the view the page shows (`builtin:…` or `user:…`), or '' for none. */
  current: string;
  views: readonly SavedView[];
  onPick: (id: string) => void;
  onSave: (name: string) => boolean;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
}

export function SavedViewsBar({
  current,
  views,
  onPick,
  onSave,
  onRename,
  onDelete,
}: SavedViewsBarProps) {
  const { t } = useTranslation('fleet');
  const [saving, setSaving] = useState(false);
  const [managing, setManaging] = useState(false);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field label={t('views.label')} className="w-96">
        {(control) => (
          <Select
            {...control}
            value={current}
            onChange={(event) => {
              if (event.target.value !== '') onPick(event.target.value);
            }}
          >
            <option value="">{t('views.custom')}</option>
            <optgroup label={t('views.builtIn')}>
              {BUILT_IN_VIEWS.map((view) => (
                <option key={view.id} value={`builtin:${view.id}`}>
                  {t(`views.${view.id}`)}
                </option>
              ))}
            </optgroup>
            {views.length === 0 ? null : (
              <optgroup label={t('views.yours')}>
                {views.map((view) => (
                  <option key={view.id} value={`user:${view.id}`}>
                    {view.name}
                  </option>
                ))}
              </optgroup>
            )}
          </Select>
        )}
      </Field>
      <Button
        aria-haspopup="dialog"
        onClick={() => {
          setSaving(true);
        }}
      >
        {t('views.save')}
      </Button>
      <Button
        aria-haspopup="dialog"
        onClick={() => {
          setManaging(true);
        }}
      >
        {t('views.manage')}
      </Button>
      {saving ? (
        <SaveViewDialog
          views={views}
          onSave={onSave}
          onClose={() => {
            setSaving(false);
          }}
        />
      ) : null}
      <Dialog
        open={managing}
        title={t('views.manageTitle')}
        onClose={() => {
          setManaging(false);
        }}
      >
        {views.length === 0 ? (
          <p className="text-sm text-muted">{t('views.none')}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-border">
            {views.map((view) => (
              <ManagedView
                key={view.id}
                view={view}
                views={views}
                onRename={onRename}
                onDelete={onDelete}
              />
            ))}
          </ul>
        )}
      </Dialog>
    </div>
  );
}

function SaveViewDialog({
  views,
  onSave,
  onClose,
}: {
  views: readonly SavedView[];
  onSave: (name: string) => boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('fleet');
  const formId = useId();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [full, setFull] = useState(false);
  const problem = viewNameProblem(name, views);
  const submit = () => {
    setTried(true);
    if (problem !== undefined) return;
    if (onSave(name)) onClose();
    else setFull(true);
  };
  return (
    <Dialog
      open
      title={t('views.saveTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId}>
            {t('views.saveConfirm')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        className="flex flex-col gap-3"
        noValidate
      >
        <p className="text-sm text-muted">{t('views.saveHelp')}</p>
        <ViewNameField
          label={t('views.name')}
          error={tried && problem !== undefined ? t(problem) : undefined}
          value={name}
          onChange={setName}
        />
        {full ? (
          <p role="alert" className="text-sm text-danger">
            {t('views.full')}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

/** A view's name, typed when it is saved or renamed (its problems are checked by the caller). */
function ViewNameField({
  value,
  onChange,
  ...field
}: {
  label: string;
  error: string | undefined;
  className?: string;
  labelHidden?: boolean;
  value: string;
  onChange: (name: string) => void;
}) {
  return (
    <Field {...field}>
      {(control) => (
        <Input
          {...control}
          autoFocus
          maxLength={VIEW_NAME_MAX + 20}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      )}
    </Field>
  );
}

function ManagedView({
  view,
  views,
  onRename,
  onDelete,
}: {
  view: SavedView;
  views: readonly SavedView[];
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
}) {
  const { t } = useTranslation('fleet');
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(view.name);
  const problem = viewNameProblem(name, views, view.id);
  if (renaming) {
    return (
      <li className="py-2">
        <form
          className="flex items-start gap-2"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (problem !== undefined) return;
            onRename(view.id, name);
            setRenaming(false);
          }}
        >
          <ViewNameField
            className="flex-1"
            label={t('views.newName', { name: view.name })}
            labelHidden
            error={problem === undefined ? undefined : t(problem)}
            value={name}
            onChange={setName}
          />
          <Button type="submit" size="sm" variant="primary">
            {t('views.renameConfirm')}
          </Button>
          <Button
            size="sm"
            onClick={() => {
              setName(view.name);
              setRenaming(false);
            }}
          >
            {t('common:actions.cancel')}
          </Button>
        </form>
      </li>
    );
  }
  return (
    <li className="flex items-center justify-between gap-2 py-2">
      <span className="truncate font-medium">{view.name}</span>
      <span className="flex shrink-0 gap-1">
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('views.renameLabel', { name: view.name })}
          onClick={() => {
            setRenaming(true);
          }}
        >
          {t('views.rename')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('views.deleteLabel', { name: view.name })}
          onClick={() => {
            onDelete(view.id);
          }}
        >
          {t('views.delete')}
        </Button>
      </span>
    </li>
  );
}
