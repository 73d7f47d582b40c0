/**
 * The tags of a deletion that can break more than themselves (`latest`, tags a deploy trigger
 * matches, the newest copy another region syncs here), each with why, above the confirmation; and
 * the statement the user ticks to go on.
 */
import { useTranslation } from 'react-i18next';
import type { TagRisk } from '../risks';

/** At most this many risky tags are named; the rest are counted. */
const NAMED = 20;

export function TagRiskWarning({
  risks,
  triggersUnknown,
}: {
  risks: ReadonlyMap<string, TagRisk[]>;
  /** The repository's triggers could not be read: any tag may be one they deploy. */
  triggersUnknown: boolean;
}) {
  const { t } = useTranslation(['tags']);
  if (risks.size === 0 && !triggersUnknown) return null;
  const named = [...risks].slice(0, NAMED);
  const reason = (risk: TagRisk) =>
    risk.kind === 'latest'
      ? t('risks.latest')
      : risk.kind === 'trigger'
        ? t('risks.trigger', { trigger: risk.trigger })
        : t('risks.syncedCopy', { from: risk.from });
  return (
    <div
      role="note"
      className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm"
    >
      <p className="font-medium">{t('risks.heading', { count: risks.size })}</p>
      {named.length === 0 ? null : (
        <ul className="mt-1 list-disc pl-5">
          {named.map(([tag, reasons]) => (
            <li key={tag}>
              <span className="font-mono">{tag}</span>: {reasons.map(reason).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {risks.size > NAMED ? <p>{t('bulk.more', { count: risks.size - NAMED })}</p> : null}
      {triggersUnknown ? <p className="mt-1">{t('risks.triggersUnknown')}</p> : null}
    </div>
  );
}
