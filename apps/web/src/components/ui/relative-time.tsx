/** "3 days ago", with the exact time on hover and for assistive technology. */
import { useFormat } from '../../lib/format';

export function RelativeTime({ iso }: { iso: string }) {
  const format = useFormat();
  return <TimeText iso={iso} text={format.relative(iso)} title={format.dateTime(iso)} />;
}

/** RelativeTime with its texts already made (long lists make them once per row, not per render). */
export function TimeText({ iso, text, title }: { iso: string; text: string; title: string }) {
  return (
    <time dateTime={iso} title={title}>
      {text}
    </time>
  );
}
