/** Copies a text to the clipboard and says so, for screen readers too. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
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
      <span aria-live="polite">{copied ? t('actions.copied') : t('actions.copy')}</span>
    </Button>
  );
}
