/**
 * The pull command of one tag for each container client, each to copy. A dialog: it takes the
 * focus, closes on Escape and gives the focus back to the row's button.
 */
import type { TagDetail } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dialog } from '../../../components/ui/dialog';
import { paths } from '../../../lib/paths';
import { PULL_CLIENTS, pullCommand } from '../commands';
import { CommandLine } from '../../../components/ui/command-line';

export function PullCommandsDialog({
  region,
  tag,
  onClose,
}: {
  region: string;
  tag: TagDetail | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation(['tags', 'common']);
  return (
    <Dialog
      open={tag !== undefined}
      title={t('pull.title', { tag: tag?.Tag ?? '' })}
      onClose={onClose}
      wide
    >
      {tag === undefined ? null : (
        <>
          <p className="text-sm text-muted">
            {t('pull.intro')}{' '}
            <Link className="text-primary underline" to={paths.loginCommand(region)}>
              {t('pull.login')}
            </Link>
          </p>
          <ul className="flex flex-col gap-3">
            {PULL_CLIENTS.map((client) => (
              <li key={client}>
                <CommandLine
                  label={t(`pull.clients.${client}`)}
                  command={pullCommand(client, tag.path)}
                  copyLabel={t('pull.copy', { client: t(`pull.clients.${client}`) })}
                />
              </li>
            ))}
          </ul>
          <p className="text-xs text-muted">{t('pull.ctrNote')}</p>
        </>
      )}
    </Dialog>
  );
}
