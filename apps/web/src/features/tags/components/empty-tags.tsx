/** No tags yet: how to push a first image into this repository with docker. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/states';
import { paths } from '../../../lib/paths';
import { pushCommands } from '../commands';
import { CommandLine } from '../../../components/ui/command-line';

const LOCAL_IMAGE = 'my-image:latest';
const FIRST_TAG = 'latest';

export function EmptyTags({ region, repositoryPath }: { region: string; repositoryPath: string }) {
  const { t } = useTranslation(['tags', 'common']);
  const commands = pushCommands(repositoryPath, LOCAL_IMAGE, FIRST_TAG);
  return (
    <EmptyState title={t('empty.title')}>
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-3 text-left">
        <p>{t('empty.intro', { image: LOCAL_IMAGE })}</p>
        <ol className="flex flex-col gap-3">
          <li>
            <CommandLine
              label={t('empty.tagStep')}
              command={commands.tag}
              copyLabel={t('empty.copyTag')}
            />
          </li>
          <li>
            <CommandLine
              label={t('empty.pushStep')}
              command={commands.push}
              copyLabel={t('empty.copyPush')}
            />
          </li>
        </ol>
        <p>
          {t('empty.login')}{' '}
          <Link className="text-primary underline" to={paths.loginCommand(region)}>
            {t('empty.loginLink')}
          </Link>
        </p>
      </div>
    </EmptyState>
  );
}
