/** "3 days ago", with the exact time on hover and for assistive technology. */
import { useFormat } from '../../lib/format';

export function RelativeTime({ iso }: { iso: string }) {
  const format = useFormat();
  return (
    <time dateTime={iso} title={format.dateTime(iso)}>
      {format.relative(iso)}
    </time>
  );
}
