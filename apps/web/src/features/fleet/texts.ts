/**
 * What the grid and the CSV say about a row, in the chosen language: the retention policy as a
 * short rule, the triggers with their last result, the shares with their ends. Made once per row
 * and language (long lists scroll rows in and out; a row mounting formats nothing again).
 */
import type { FleetRepository } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import type { BadgeTone } from '../../components/ui/badge';
import type { Format } from '../../lib/format';
import { failedRecently, type FleetRow } from './rows';

export type FleetT = TFunction<['fleet', 'common']>;

/** The retention policies as short rules ("Keep the 20 newest tags, 1 exception"), or none. */
export function retentionSummary(repository: FleetRepository, t: FleetT): string | undefined {
  const rules = repository.retentions.flatMap((policy) => policy.rules);
  if (repository.retentions.length === 0) return undefined;
  if (rules.length === 0) return t('fleet:retention.other', { template: '—' });
  return rules
    .map((rule) => {
      const amount = Number(rule.template === 'tag_rule' ? rule.params.num : rule.params.days);
      const main =
        (rule.template === 'tag_rule' || rule.template === 'date_rule') && Number.isFinite(amount)
          ? t(`fleet:retention.${rule.template}`, { count: amount })
          : t('fleet:retention.other', { template: rule.template });
      return rule.excluded.length === 0
        ? main
        : t('fleet:retention.withExceptions', {
            rule: main,
            exceptions: t('fleet:retention.exceptions', { count: rule.excluded.length }),
          });
    })
    .join('; ');
}

export interface Chip {
  label: string;
  tone: BadgeTone;
}

export interface TimeTexts {
  text: string;
  title: string;
}

export interface RowTexts {
  tags: string;
  size: string;
  downloads: string;
  updated: TimeTexts | undefined;
  retention: string | undefined;
  sync: string;
  /** Each trigger with its last result, failed ones first. */
  triggers: Chip[];
  /** Every trigger's last run in full, for the cell's title. */
  triggersDetail: string;
  shares: Chip[];
  sharesDetail: string;
}

function triggerChips(row: FleetRow, t: FleetT, now: number): Chip[] {
  const rank = (chip: { failed: boolean; recent: boolean }) =>
    chip.recent ? 0 : chip.failed ? 1 : 2;
  return row.repository.triggers
    .map((trigger) => {
      const failed = trigger.last?.result === 'failed';
      const recent = failedRecently(trigger, now);
      const { name } = trigger;
      const label = !trigger.enabled
        ? t('fleet:triggers.disabled', { name })
        : trigger.last === null
          ? t('fleet:triggers.notRun', { name })
          : failed
            ? t('fleet:triggers.failed', { name })
            : t('fleet:triggers.success', { name });
      const tone: BadgeTone = failed ? 'danger' : trigger.last === null ? 'neutral' : 'success';
      return { label, tone, failed, recent };
    })
    .sort((a, b) => rank(a) - rank(b))
    .map(({ label, tone }) => ({ label, tone }));
}

/** Each row's texts in one language, relative to `now`, made the first time they are asked for. */
export function rowTexts(t: FleetT, format: Format, now: number): (row: FleetRow) => RowTexts {
  const made = new WeakMap<FleetRow, RowTexts>();
  const none = t('fleet:grid.none');
  return (row) => {
    let texts = made.get(row);
    if (texts !== undefined) return texts;
    const { repository } = row;
    const updated = repository.updatedAt;
    const shares: Chip[] = [];
    if (row.shares.length > 0) {
      shares.push({
        label: t('fleet:shares.count', { count: row.shares.length }),
        tone: 'neutral',
      });
    }
    if (row.outsideAccounts.length > 0) {
      shares.push({
        label: t('fleet:shares.outside', { count: row.outsideAccounts.length }),
        tone: 'danger',
      });
    }
    if (row.endingSoon > 0) {
      shares.push({ label: t('fleet:shares.soon', { count: row.endingSoon }), tone: 'warning' });
    }
    if (row.ended > 0) {
      shares.push({ label: t('fleet:shares.ended', { count: row.ended }), tone: 'neutral' });
    }
    texts = {
      tags: format.number(repository.tags),
      size: format.bytes(repository.size),
      downloads: format.number(repository.downloads),
      updated:
        updated === null
          ? undefined
          : { text: format.relative(updated, now), title: format.dateTime(updated) },
      retention: retentionSummary(repository, t),
      sync:
        repository.syncTargets.length === 0
          ? none
          : repository.syncTargets
              .map((target) => `${target.region}/${target.namespace}`)
              .join(', '),
      triggers: triggerChips(row, t, now),
      triggersDetail: repository.triggers
        .map((trigger) =>
          trigger.last === null
            ? t('fleet:triggers.notRun', { name: trigger.name })
            : t('fleet:triggers.detail', {
                name: trigger.name,
                result: t(
                  trigger.last.result === 'failed'
                    ? 'fleet:triggers.resultFailed'
                    : 'fleet:triggers.resultSuccess',
                ),
                when: format.relative(trigger.last.at, now),
                tag: trigger.last.tag,
              }),
        )
        .join('\n'),
      shares,
      sharesDetail: row.shares
        .map((info) => {
          const until =
            info.end === 'ended'
              ? t('fleet:shares.endedOn')
              : info.share.until === 'forever'
                ? t('fleet:shares.forever')
                : t('fleet:shares.until', { date: format.dateTime(info.share.until) });
          const line = t('fleet:shares.detail', {
            account: info.share.account,
            permit: info.share.permit,
            until,
          });
          return info.outside ? `${line}: ${t('fleet:shares.outsideMark')}` : line;
        })
        .join('\n'),
    };
    made.set(row, texts);
    return texts;
  };
}
