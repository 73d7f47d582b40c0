/**
 * Time left until the login command expires, counting down every second, with the exact time.
 * A timer role: screen readers read it when asked, not on every tick.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { useFormat } from '../../../lib/format';

/** Below this the countdown turns to a warning. */
const SOON_MS = 15 * 60 * 1000;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

export function ExpiryCountdown({
  expiresAt,
  estimated,
}: {
  expiresAt: string;
  estimated: boolean;
}) {
  const { t } = useTranslation(['login-command']);
  const format = useFormat();
  const now = useNow(1000);
  const left = Date.parse(expiresAt) - now;
  const exact = format.dateTime(expiresAt);
  if (!Number.isFinite(left)) return <span>{expiresAt}</span>;
  if (left <= 0) {
    return (
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone="danger">{t('countdown.expired')}</Badge>
        <span className="text-muted">{t('countdown.expiredAt', { time: exact })}</span>
      </span>
    );
  }
  const seconds = Math.floor(left / 1000);
  const remaining = t('countdown.remaining', {
    hours: format.number(Math.floor(seconds / 3600)),
    minutes: format.number(Math.floor((seconds % 3600) / 60)),
    seconds: format.number(seconds % 60),
  });
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span role="timer" className={left < SOON_MS ? 'font-medium text-warning' : 'font-medium'}>
        {t('countdown.expiresIn', { remaining })}
      </span>
      <span className="text-muted">
        {estimated
          ? t('countdown.estimatedAt', { time: exact })
          : t('countdown.at', { time: exact })}
      </span>
    </span>
  );
}
