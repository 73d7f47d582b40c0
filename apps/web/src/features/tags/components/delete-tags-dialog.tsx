/**
 * Deleting several tags: a red confirmation that lists them and states the effect, then the
 * progress of the calls (one deleteRepoTag each, with a stop), then a summary of what was
 * deleted, what failed (each with SWR's or the console's message) and what was not attempted,
 * with a retry of the rest.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { describeError } from '../../../lib/errors';
import { useFormat } from '../../../lib/format';
import { useCountdown } from '../../../lib/use-countdown';
import type { BatchProgress, TagDeleteOutcome } from '../api';
import type { TagRisk } from '../risks';
import { TagRiskWarning } from './tag-risks';

/** How many tag names a list shows before "…and N more". */
const LIST_LIMIT = 100;

export type DeleteTagsPhase = 'confirm' | 'running' | 'done';

export interface DeleteTagsDialogProps {
  open: boolean;
  phase: DeleteTagsPhase;
  /** `namespace/repository`. */
  repository: string;
  tags: readonly string[];
  /** How many selected (or passed over) tags are protected and left out of the deletion. */
  leftOut: number;
  progress: BatchProgress;
  stopping: boolean;
  outcomes: readonly TagDeleteOutcome[] | undefined;
  /** Why the tags cannot be deleted (again), if they cannot. */
  deleteReason: string | undefined;
  /** Tags whose deletion can break more than themselves, and why. */
  risks: ReadonlyMap<string, TagRisk[]>;
  /** The repository's triggers could not be read. */
  triggersUnknown: boolean;
  /** Why confirming must wait: the repository's triggers, or who syncs into it, are being read. */
  checking: string | undefined;
  onConfirm: () => void;
  onStop: () => void;
  onRetry: (tags: readonly string[]) => void;
  onClose: () => void;
}

export function DeleteTagsDialog(props: DeleteTagsDialogProps) {
  const { t } = useTranslation(['tags', 'common']);
  // A deletion with named risks needs the user's tick; a new confirmation starts unticked.
  const [acknowledged, setAcknowledged] = useState(false);
  const risky = props.risks.size > 0 || props.triggersUnknown;
  const confirmable = props.phase === 'confirm' && (!risky || acknowledged);
  const title =
    props.phase === 'confirm'
      ? t('bulk.title', { count: props.tags.length })
      : props.phase === 'running'
        ? t('bulk.runningTitle')
        : t('bulk.doneTitle');
  const close = () => {
    // A batch in flight is stopped, not abandoned: the dialog stays to report what happened.
    if (props.phase === 'running') props.onStop();
    else {
      setAcknowledged(false);
      props.onClose();
    }
  };
  const footer = (
    <Footer
      {...props}
      confirmReason={
        props.deleteReason ??
        props.checking ??
        (confirmable || props.phase !== 'confirm' ? undefined : t('common:confirm.tickToEnable'))
      }
      onConfirm={() => {
        setAcknowledged(false);
        props.onConfirm();
      }}
    />
  );
  return (
    <Dialog open={props.open} title={title} onClose={close} wide footer={footer}>
      {props.phase === 'confirm' ? (
        <>
          <p className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm">
            {t('bulk.effect', { count: props.tags.length, repository: props.repository })}
          </p>
          <p className="text-sm text-muted">{t('bulk.how')}</p>
          {props.leftOut === 0 ? null : (
            <p role="status" className="text-sm">
              {t('protected.leftOut', { count: props.leftOut })}
            </p>
          )}
          <TagRiskWarning risks={props.risks} triggersUnknown={props.triggersUnknown} />
          {risky ? (
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={acknowledged}
                onChange={(event) => {
                  setAcknowledged(event.target.checked);
                }}
              />
              <span>{t('risks.acknowledge', { count: Math.max(1, props.risks.size) })}</span>
            </label>
          ) : null}
          <TagList tags={props.tags} label={t('bulk.listLabel')} />
        </>
      ) : null}
      {props.phase === 'running' ? <Progress {...props} /> : null}
      {props.phase === 'done' && props.outcomes !== undefined ? (
        <Summary outcomes={props.outcomes} />
      ) : null}
    </Dialog>
  );
}

function Footer(props: DeleteTagsDialogProps & { confirmReason: string | undefined }) {
  const { t } = useTranslation(['tags', 'common']);
  if (props.phase === 'confirm') {
    return (
      <>
        <Button onClick={props.onClose}>{t('common:actions.cancel')}</Button>
        <Button variant="danger" disabledReason={props.confirmReason} onClick={props.onConfirm}>
          {t('bulk.confirm', { count: props.tags.length })}
        </Button>
      </>
    );
  }
  if (props.phase === 'running') {
    return (
      <Button busy={props.stopping} onClick={props.onStop}>
        {t('bulk.stop')}
      </Button>
    );
  }
  const rest = (props.outcomes ?? []).filter((outcome) => outcome.status !== 'deleted');
  return (
    <>
      {rest.length === 0 ? null : (
        <Button
          variant="danger"
          disabledReason={props.deleteReason}
          onClick={() => {
            props.onRetry(rest.map((outcome) => outcome.tag));
          }}
        >
          {t('bulk.retry', { count: rest.length })}
        </Button>
      )}
      <Button variant="primary" onClick={props.onClose}>
        {t('bulk.done')}
      </Button>
    </>
  );
}

function Progress({ progress, stopping }: DeleteTagsDialogProps) {
  const { t } = useTranslation(['tags', 'common']);
  const format = useFormat();
  return (
    <div className="flex flex-col gap-2">
      <progress
        className="h-2 w-full accent-primary"
        aria-label={t('bulk.progressLabel')}
        max={Math.max(progress.total, 1)}
        value={progress.done}
      />
      <p className="text-sm" role="status" aria-live="polite">
        {t('bulk.progress', {
          done: format.number(progress.done),
          total: format.number(progress.total),
        })}
      </p>
      {progress.pausedUntil !== undefined && !stopping ? (
        <PauseNotice key={progress.pausedUntil} until={progress.pausedUntil} />
      ) : null}
      {stopping ? <p className="text-sm text-muted">{t('bulk.stopping')}</p> : null}
    </div>
  );
}

/** The BFF paused the batch to leave the user room for their own changes: say so, and when it goes on. */
function PauseNotice({ until }: { until: number }) {
  const { t } = useTranslation('tags');
  const format = useFormat();
  const [wait] = useState(() => Math.max(0, Math.ceil((until - Date.now()) / 1000)));
  const seconds = useCountdown(wait);
  return (
    <p className="text-sm text-muted">{t('bulk.paused', { seconds: format.number(seconds) })}</p>
  );
}

function Summary({ outcomes }: { outcomes: readonly TagDeleteOutcome[] }) {
  const { t } = useTranslation(['tags', 'common']);
  const format = useFormat();
  const deleted = outcomes.filter((outcome) => outcome.status === 'deleted');
  const failed = outcomes.flatMap((outcome) => (outcome.status === 'failed' ? [outcome] : []));
  const skipped = outcomes.flatMap((outcome) => (outcome.status === 'skipped' ? [outcome] : []));
  return (
    <div className="flex flex-col gap-4">
      <p
        role="status"
        className={
          failed.length + skipped.length === 0
            ? 'text-sm text-success'
            : 'text-sm font-medium text-danger'
        }
      >
        {t('bulk.summary', {
          deleted: format.number(deleted.length),
          failed: format.number(failed.length),
          skipped: format.number(skipped.length),
        })}
      </p>
      {failed.length === 0 ? null : (
        <section className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">
            {t('bulk.failedHeading', { count: failed.length })}
          </h3>
          <ul
            aria-label={t('bulk.failedHeading', { count: failed.length })}
            tabIndex={0}
            className="max-h-60 overflow-auto rounded-md border border-danger/40 text-sm"
          >
            {failed.slice(0, LIST_LIMIT).map((outcome) => (
              <FailedItem key={outcome.tag} tag={outcome.tag} error={outcome.error} />
            ))}
            {failed.length > LIST_LIMIT ? (
              <li className="px-3 py-1.5 text-muted">
                {t('bulk.more', { count: failed.length - LIST_LIMIT })}
              </li>
            ) : null}
          </ul>
        </section>
      )}
      {skipped.length === 0 ? null : (
        <section className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">
            {t('bulk.skippedHeading', { count: skipped.length })}
          </h3>
          <p className="text-sm text-muted">
            {skipped.some((outcome) => outcome.reason === 'rate-limited')
              ? t('bulk.rateLimited')
              : t('bulk.stopped')}
          </p>
          <TagList
            tags={skipped.map((outcome) => outcome.tag)}
            label={t('bulk.skippedHeading', { count: skipped.length })}
          />
        </section>
      )}
      {deleted.length === 0 ? null : (
        <section className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">
            {t('bulk.deletedHeading', { count: deleted.length })}
          </h3>
          <TagList
            tags={deleted.map((outcome) => outcome.tag)}
            label={t('bulk.deletedHeading', { count: deleted.length })}
          />
        </section>
      )}
    </div>
  );
}

function FailedItem({ tag, error }: { tag: string; error: unknown }) {
  const { t } = useTranslation(['tags', 'common']);
  const description = describeError(error, t);
  return (
    <li className="border-b border-border px-3 py-1.5 last:border-b-0">
      <code className="font-mono text-xs font-medium">{tag}</code>
      <span>: {description.message}</span>
      {description.swrCode === undefined && description.requestId === undefined ? null : (
        <span className="block text-xs text-muted">
          {description.swrCode === undefined
            ? null
            : `${t('common:errors.swrCode', { code: description.swrCode })} `}
          {description.requestId === undefined
            ? null
            : t('common:errors.requestId', { id: description.requestId })}
        </span>
      )}
    </li>
  );
}

function TagList({ tags, label }: { tags: readonly string[]; label: string }) {
  const { t } = useTranslation(['tags', 'common']);
  return (
    <ul
      aria-label={label}
      tabIndex={0}
      className="flex max-h-40 flex-wrap gap-1.5 overflow-auto rounded-md border border-border p-2"
    >
      {tags.slice(0, LIST_LIMIT).map((tag) => (
        <li key={tag}>
          <code className="rounded bg-hover px-1.5 py-0.5 font-mono text-xs">{tag}</code>
        </li>
      ))}
      {tags.length > LIST_LIMIT ? (
        <li className="text-xs text-muted">
          {t('bulk.more', { count: tags.length - LIST_LIMIT })}
        </li>
      ) : null}
    </ul>
  );
}
