/** A permission level as a badge with its name, and the level choice with what each allows. */
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import type { RadioOption } from '../../../components/ui/radio-group';
import { LEVEL_NAMES, levelName, type LevelName } from '../levels';

const TONES: Record<LevelName, BadgeTone> = { read: 'neutral', edit: 'info', manage: 'warning' };

export function useLevelLabel(): (auth: number) => string {
  const { t } = useTranslation('permissions');
  return (auth) => {
    const name = levelName(auth);
    return name === undefined ? t('levels.unknown', { auth }) : t(`levels.${name}`);
  };
}

export function LevelBadge({ auth }: { auth: number }) {
  const label = useLevelLabel();
  const name = levelName(auth);
  return <Badge tone={name === undefined ? 'neutral' : TONES[name]}>{label(auth)}</Badge>;
}

export function useLevelOptions(): RadioOption<LevelName>[] {
  const { t } = useTranslation('permissions');
  return LEVEL_NAMES.map((name) => ({
    value: name,
    label: t(`levels.${name}`),
    description: t(`levels.${name}Help`),
  }));
}
