/**
 * Access lines as a table: who (a user, or what a user reaches), the effective permission, why,
 * and the redundant grants flagged with why they add nothing.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Table, Td, Th } from '../../../components/ui/table';
import type { AccessLine } from '../grants';
import { levelLabel, redundantText, whyText } from '../texts';

/** Manage stands out most, then Edit; the text says the level, the tone only helps. */
const TONES: Record<number, BadgeTone> = { 7: 'warning', 3: 'info', 1: 'neutral' };

export interface AccessTableProps {
  caption: string;
  lines: readonly AccessLine[];
  /** The first column's header and each line's cell in it. */
  subject: { header: string; cell: (line: AccessLine) => ReactNode };
  /** A region column, when the lines come from more than one. */
  withRegion?: boolean;
}

export function AccessTable({ caption, lines, subject, withRegion = false }: AccessTableProps) {
  const { t } = useTranslation(['access', 'common']);
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {withRegion ? <Th>{t('repository.region')}</Th> : null}
          <Th>{subject.header}</Th>
          <Th>{t('repository.permission')}</Th>
          <Th>{t('repository.why')}</Th>
          <Th>{t('repository.redundant')}</Th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const redundant = redundantText(line, t);
          return (
            <tr key={line.key}>
              {withRegion ? <Td>{line.region}</Td> : null}
              <Td className="font-medium">{subject.cell(line)}</Td>
              <Td>
                <Badge tone={TONES[line.effective] ?? 'neutral'}>
                  {levelLabel(line.effective, t)}
                </Badge>
              </Td>
              <Td>{whyText(line, t)}</Td>
              <Td>
                {redundant === '' ? (
                  <span className="text-muted">{t('redundant.no')}</span>
                ) : (
                  <span className="flex flex-col items-start gap-1">
                    <Badge tone="warning">{t('redundant.badge')}</Badge>
                    <span className="text-muted">{redundant}</span>
                  </span>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
