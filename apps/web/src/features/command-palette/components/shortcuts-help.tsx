/** The keyboard shortcuts' overlay (`?`): every shortcut the console has, from shortcuts.ts. */
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/ui/dialog';
import { pagesFor } from '../../../lib/pages';
import { useMe } from '../../../lib/session';

function Keys({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation('command-palette');
  return (
    <span className="flex items-center gap-1">
      {keys.map((key, index) => (
        <span key={key} className="flex items-center gap-1">
          {index === 0 ? null : <span className="text-xs text-muted">{t('help.then')}</span>}
          <kbd className="rounded border border-border bg-hover px-1.5 py-0.5 font-mono text-xs">
            {key}
          </kbd>
        </span>
      ))}
    </span>
  );
}

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['command-palette', 'common']);
  const me = useMe();
  const rows = [
    { keys: ['Ctrl/⌘+K'], what: t('help.palette') },
    { keys: ['/'], what: t('help.palette') },
    { keys: ['?'], what: t('help.help') },
    ...pagesFor(me.user.role).map((page) => ({
      keys: ['g', page.key],
      what: t('help.goTo', { page: t(`common:${page.label}`) }),
    })),
  ];
  return (
    <Dialog open title={t('help.title')} onClose={onClose}>
      <table className="w-full text-sm">
        <caption className="sr-only">{t('help.title')}</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">{t('help.keys')}</th>
            <th scope="col">{t('help.what')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.keys.join('+') + row.what}
              className="border-b border-border last:border-0"
            >
              <td className="py-1.5 pr-4">
                <Keys keys={row.keys} />
              </td>
              <td className="py-1.5">{row.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-muted">{t('help.typing')}</p>
    </Dialog>
  );
}
