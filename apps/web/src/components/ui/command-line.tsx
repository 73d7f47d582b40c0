/**
 * A command to copy: what it is for, the command itself (long words, a digest, broken anywhere),
 * and a copy button. The Tags tab's pull commands and a tag's image page show them.
 */
import { CopyButton } from './copy-button';

export function CommandLine({
  label,
  command,
  copyLabel,
}: {
  label: string;
  command: string;
  copyLabel: string;
}) {
  return (
    <div className="flex flex-col gap-1 text-left">
      <span className="text-sm font-medium text-fg">{label}</span>
      <div className="flex items-start gap-2 rounded-md border border-border bg-bg px-3 py-2">
        <code className="min-w-0 flex-1 break-all font-mono text-xs leading-6 text-fg">
          {command}
        </code>
        <CopyButton text={command} label={copyLabel} />
      </div>
    </div>
  );
}
