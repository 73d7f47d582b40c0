/**
 * Start, under a preview of any kind of job: the button, and the red confirmation that states
 * the effect. Above the BFF's threshold (`confirmAbove`) the user types the count to confirm; the
 * job starts with that count, and the page moves to it. A start refused because what the preview
 * read changed since (409 `preview_changed`) closes the confirmation and hands the count back, so
 * the preview is read again and says so.
 */
import type { JobSpec } from '@swr-dashboard/swr-client/browser';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { paths } from '../../../lib/paths';
import { isPreviewChanged, useStartJob } from '../api';

export interface StartTexts {
  /** The button under the preview, e.g. "Delete 25 tags…". */
  button: string;
  /** The confirmation's title, e.g. "Delete 25 tags?". */
  title: string;
  /** What starting it does, in plain words. */
  effect: ReactNode;
  /** The confirmation's red button, e.g. "Start: delete 25 tags". */
  confirm: string;
  /** Above the threshold, what to type: "More than 20 tags: type their number to confirm." */
  typeCount: string;
}

export function StartJob({
  spec,
  count,
  confirmAbove,
  blockedReason,
  texts,
  onPreviewChanged,
}: {
  spec: JobSpec;
  /** The items the preview lists: the count the start confirms. */
  count: number;
  /** Above this many items, the count is typed to confirm. */
  confirmAbove: number;
  /** Why it cannot start now (the form changed, nothing to do…). */
  blockedReason: string | undefined;
  texts: StartTexts;
  onPreviewChanged: (confirmedCount: number) => void;
}) {
  const navigate = useNavigate();
  const start = useStartJob();
  const [confirming, setConfirming] = useState(false);
  const typed = count > confirmAbove;
  const close = () => {
    setConfirming(false);
    start.reset();
  };
  const confirm = () => {
    start.mutate(
      { spec, count },
      {
        onSuccess: (job) => {
          void navigate(paths.job(job.region, job.id));
        },
        onError: (error) => {
          if (!isPreviewChanged(error)) return;
          close();
          onPreviewChanged(count);
        },
      },
    );
  };
  return (
    <>
      <div>
        <Button
          variant="danger"
          disabledReason={blockedReason}
          onClick={() => {
            start.reset();
            setConfirming(true);
          }}
        >
          {texts.button}
        </Button>
      </div>
      <ConfirmDialog
        key={count}
        open={confirming}
        title={texts.title}
        effect={
          <>
            <p>{texts.effect}</p>
            {typed ? <p className="mt-2">{texts.typeCount}</p> : null}
          </>
        }
        confirmLabel={texts.confirm}
        {...(typed ? { typedName: String(count) } : {})}
        busy={start.isPending}
        error={start.error ?? undefined}
        onConfirm={confirm}
        onClose={close}
      />
    </>
  );
}
