/** Copies a text to the clipboard and says so, for screen readers too. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyTextButton
      text={text}
      label={label}
      copyText={t('actions.copy')}
      copiedText={t('actions.copied')}
    />
  );
}

/**
 * CopyButton with its two words given (`copyText`, `copiedText`) instead of read from i18next: for
 * long virtualized lists, where each row mounting its own translation hook costs a scrolling frame.
 */
export function CopyTextButton({
  text,
  label,
  copyText,
  copiedText,
}: {
  text: string;
  label: string;
  copyText: string;
  copiedText: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => {
            setCopied(false);
          }, 1500);
        });
      }}
    >
      <span aria-live="polite">{copied ? copiedText : copyText}</span>
    </Button>
  );
}
