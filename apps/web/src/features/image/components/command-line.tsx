/** A command to copy: what it is for, the command itself, and a copy button. */
import { CopyButton } from '../../../components/ui/copy-button';

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
    <div className="flex flex-col gap-1">
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
