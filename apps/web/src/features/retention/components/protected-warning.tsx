/**
 * The tags the console protects (`PROTECTED_TAGS`) that the policy would delete. SWR applies
 * retention itself and knows nothing of the console's protection: it deletes them all the same.
 * Says so, names them, and offers to add the protected patterns as exceptions.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { useFormat } from '../../../lib/format';

/** How many protected tags are named before "and N more". */
const NAMED = 5;

export function ProtectedWarning({
  tags,
  excludeReason,
  onExclude,
}: {
  /** The protected tags the policy would delete, newest first. */
  tags: readonly string[];
  /** Why the patterns cannot be added as exceptions, if they cannot; no button without `onExclude`. */
  excludeReason: string | undefined;
  onExclude: (() => void) | undefined;
}) {
  const { t } = useTranslation(['retention']);
  const format = useFormat();
  const headingId = useId();
  if (tags.length === 0) return null;
  return (
    <div
      role="note"
      aria-labelledby={headingId}
      className="flex flex-col gap-1 rounded-md border border-warning/60 bg-warning/10 px-3 py-2 text-sm"
    >
      <p id={headingId} className="font-medium">
        {t('protected.heading', { count: tags.length, formatted: format.number(tags.length) })}
      </p>
      <p className="font-mono text-xs break-words">
        {tags.slice(0, NAMED).join(', ')}
        {tags.length > NAMED ? ` ${t('editor.andMore', { count: tags.length - NAMED })}` : ''}
      </p>
      <p>{t('protected.swr')}</p>
      {onExclude === undefined ? null : (
        <div>
          <Button size="sm" disabledReason={excludeReason} onClick={onExclude}>
            {t('protected.exclude')}
          </Button>
        </div>
      )}
    </div>
  );
}
