/**
 * The palette's launcher in the header and the console's keyboard shortcuts (shortcuts.ts). Only
 * this comes with the first page: the palette and the shortcuts' overlay load when first opened
 * (or when the pointer rests on the launcher).
 */
import { lazy, Suspense, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { pagesFor } from '../../../lib/pages';
import { useMe } from '../../../lib/session';
import { readKey, type ShortcutCommand } from '../shortcuts';

const loadPalette = () => import('./command-palette');
const CommandPalette = lazy(() =>
  loadPalette().then((module) => ({ default: module.CommandPalette })),
);
const ShortcutsHelp = lazy(() =>
  import('./shortcuts-help').then((module) => ({ default: module.ShortcutsHelp })),
);

/** Keys pressed in a field, or in a dialog, are the field's and the dialog's own. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('dialog') !== null
  );
}

/** Calls `onCommand` for each shortcut the user presses anywhere on the page. */
function useShortcuts(onCommand: (command: ShortcutCommand) => void) {
  const run = useEffectEvent(onCommand);
  useEffect(() => {
    let waiting = false;
    const onKeyDown = (event: KeyboardEvent) => {
      const { key, ctrlKey, metaKey, altKey } = event;
      const typing = isTyping(event.target);
      const outcome = readKey({ key, ctrlKey, metaKey, altKey, typing }, waiting);
      waiting = outcome.waiting;
      if (outcome.command === undefined) return;
      event.preventDefault();
      run(outcome.command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}

export function CommandHost() {
  const { t } = useTranslation();
  const me = useMe();
  const { region = '' } = useParams();
  const navigate = useNavigate();
  const [shown, setShown] = useState<'palette' | 'help' | undefined>(undefined);
  useShortcuts((command) => {
    if (command.kind !== 'go') setShown(command.kind);
    else if (pagesFor(me.user.role).some((page) => page.path === command.page)) {
      void navigate(`/${region}/${command.page}`);
    }
  });
  const close = () => {
    setShown(undefined);
  };
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        aria-keyshortcuts="Control+K Meta+K /"
        onPointerEnter={() => void loadPalette()}
        onFocus={() => void loadPalette()}
        onClick={() => {
          setShown('palette');
        }}
      >
        {t('shell.search')}
        <kbd className="ml-2 rounded border border-border px-1 font-mono text-xs text-muted">
          Ctrl K
        </kbd>
      </Button>
      <Suspense fallback={null}>
        {shown === 'palette' ? (
          <CommandPalette
            onClose={close}
            onHelp={() => {
              setShown('help');
            }}
          />
        ) : null}
        {shown === 'help' ? <ShortcutsHelp onClose={close} /> : null}
      </Suspense>
    </>
  );
}
