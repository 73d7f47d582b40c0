/** Changing an IAM user's permission level; the current level is preselected. */
import type { UserAuth } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { RadioGroup } from '../../../components/ui/radio-group';
import { ErrorNotice } from '../../../components/ui/states';
import { useChangePermission, type PermissionTarget } from '../api';
import { levelName, levelValue, type LevelName } from '../levels';
import { useLevelOptions } from './permission-level';

export interface ChangePermissionDialogProps {
  target: PermissionTarget;
  user: UserAuth;
  targetName: string;
  onClose: () => void;
}

export function ChangePermissionDialog({
  target,
  user,
  targetName,
  onClose,
}: ChangePermissionDialogProps) {
  const { t } = useTranslation(['permissions', 'common']);
  const currentLevel = levelName(user.auth);
  const [level, setLevel] = useState<LevelName>(currentLevel ?? 'read');
  const change = useChangePermission(target);
  const levelOptions = useLevelOptions();
  return (
    <Dialog
      open
      title={t('change.title', { user: user.user_name })}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="change-permission"
            busy={change.isPending}
            disabled={level === currentLevel}
          >
            {t('common:actions.save')}
          </Button>
        </>
      }
    >
      <p className="text-sm text-muted">
        {t('change.intro', { user: user.user_name, id: user.user_id, name: targetName })}
      </p>
      <form
        id="change-permission"
        onSubmit={(event) => {
          event.preventDefault();
          if (level === currentLevel) return;
          change.mutate(
            { user_id: user.user_id, user_name: user.user_name, auth: levelValue(level) },
            { onSuccess: onClose },
          );
        }}
      >
        <RadioGroup
          legend={t('level')}
          value={level}
          options={levelOptions}
          onChange={(next) => {
            setLevel(next);
            if (change.isError) change.reset();
          }}
        />
      </form>
      {change.isError ? <ErrorNotice error={change.error} what={t('change.failed')} /> : null}
    </Dialog>
  );
}
