/**
 * What the page cannot show because the BFF did not read the registry, and why: it is not set up
 * to (`off`), or the read failed (`failed`, with a retry). SWR's record gives the layers and sizes
 * of one image; an index's platform images are the registry's alone.
 */
import type { ImageDetails } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';

export function RegistryNotice({
  registry,
  index,
  onRetry,
}: {
  registry: ImageDetails['registry'];
  /** Whether the tag is an index: then what is missing is the platform's whole image. */
  index: boolean;
  /** Reads the image again (after a failure). */
  onRetry?: () => void;
}) {
  const { t } = useTranslation(['image', 'common']);
  if (registry === 'read') return null;
  const what = index ? t('registry.missingPlatform') : t('registry.missingConfig');
  return (
    <div
      role="note"
      aria-label={t('registry.label')}
      className="flex flex-col items-start gap-2 rounded-md border border-warning/60 bg-warning/10 px-3 py-2 text-sm"
    >
      <p className="font-medium">
        {registry === 'off' ? t('registry.offTitle') : t('registry.failedTitle')}
      </p>
      <p>{what}</p>
      <p>{registry === 'off' ? t('registry.offWhy') : t('registry.failedWhy')}</p>
      {registry === 'failed' && onRetry !== undefined ? (
        <Button size="sm" onClick={onRetry}>
          {t('common:actions.retry')}
        </Button>
      ) : null}
    </div>
  );
}
