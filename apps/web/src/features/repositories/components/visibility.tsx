/** Public or private: the badge in lists, and the choice in forms with what each means. */
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import type { RadioOption } from '../../../components/ui/radio-group';
import type { Visibility } from '../list-state';

export function useVisibilityOptions(): RadioOption<Visibility>[] {
  const { t } = useTranslation('repositories');
  return [
    { value: 'private', label: t('visibility.private'), description: t('visibility.privateHelp') },
    { value: 'public', label: t('visibility.public'), description: t('visibility.publicHelp') },
  ];
}

export function VisibilityBadge({ isPublic }: { isPublic: boolean }) {
  const { t } = useTranslation('repositories');
  return (
    <Badge tone={isPublic ? 'warning' : 'neutral'}>
      {isPublic ? t('visibility.public') : t('visibility.private')}
    </Badge>
  );
}
