/**
 * The temporary login command of a region: generated on request (operators; a user limited to
 * some organizations is refused, as the command opens all of them), shown masked until revealed,
 * with its registry, an expiry countdown, and the same login for podman, nerdctl and a
 * Kubernetes pull secret. The command lives only in this page's memory.
 */
import type { LoginCommand } from '@swr-dashboard/swr-client/browser';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { PageHeader } from '../../../components/ui/page-header';
import { EmptyState, ErrorNotice } from '../../../components/ui/states';
import { useMe, usePermission } from '../../../lib/session';
import { useCreateLoginCommand } from '../api';
import { CLIENTS, commandsFor, type Client } from './commands';
import { ExpiryCountdown } from './expiry-countdown';

/** SWR's documented validity, when it does not say when the command expires. */
const VALIDITY_MS = 6 * 60 * 60 * 1000;

/** Why the user may not generate a command, or undefined when they may. */
function useGenerateReason(): string | undefined {
  const { t } = useTranslation(['login-command']);
  const me = useMe();
  const permission = usePermission('createSecret');
  const decision = me.permissions.createSecret;
  if (!decision.allowed && decision.reason === 'scope') {
    return t('scopeRefused', { patterns: (me.namespaces ?? []).join(', ') });
  }
  if (!decision.allowed && decision.reason === 'role') {
    return t('roleRefused', { current: t(`common:roles.${me.user.role}`) });
  }
  return permission.reason;
}

function Snippet({ client, text, copyText }: { client: Client; text: string; copyText: string }) {
  const { t } = useTranslation(['login-command']);
  const labelId = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center justify-between gap-2">
        <h3 id={labelId} className="text-sm font-medium">
          {t(`clients.${client}`)}
        </h3>
        <CopyButton text={copyText} label={t('copy', { client: t(`clients.${client}`) })} />
      </div>
      <pre
        aria-labelledby={labelId}
        className="overflow-x-auto rounded-md border border-border bg-hover px-3 py-2 font-mono text-xs whitespace-pre-wrap break-all"
      >
        <code>{text}</code>
      </pre>
    </div>
  );
}

function GeneratedCommand({
  login,
  region,
  generatedAt,
}: {
  login: LoginCommand;
  region: string;
  generatedAt: number;
}) {
  const { t } = useTranslation(['login-command']);
  const [revealed, setRevealed] = useState(false);
  const shown = commandsFor(login, region, !revealed);
  const real = commandsFor(login, region, false);
  const expiresAt = login.expiresAt ?? new Date(generatedAt + VALIDITY_MS).toISOString();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-border bg-card p-4">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={titleId} className="font-semibold">
          {t('result.title')}
        </h2>
        <Button
          size="sm"
          aria-pressed={revealed}
          onClick={() => {
            setRevealed((current) => !current);
          }}
        >
          {revealed ? t('result.hide') : t('result.reveal')}
        </Button>
      </div>
      <dl className="mb-4 grid grid-cols-[8rem_1fr] items-center gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted">{t('result.registry')}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <code className="font-mono">{login.registry}</code>
          <CopyButton text={login.registry} label={t('result.copyRegistry')} />
        </dd>
        <dt className="text-muted">{t('result.expires')}</dt>
        <dd>
          <ExpiryCountdown expiresAt={expiresAt} estimated={login.expiresAt === undefined} />
        </dd>
      </dl>
      {revealed ? null : <p className="mb-3 text-sm text-muted">{t('result.maskedNote')}</p>}
      <div className="flex flex-col gap-4">
        {CLIENTS.map((client) => {
          const text = shown[client];
          const copyText = real[client];
          return text === undefined || copyText === undefined ? null : (
            <Snippet key={client} client={client} text={text} copyText={copyText} />
          );
        })}
      </div>
      {real.podman === undefined ? (
        <p className="mt-3 text-sm text-muted">{t('result.onlyDocker')}</p>
      ) : (
        <p className="mt-3 text-xs text-muted">{t('result.kubectlNote')}</p>
      )}
    </section>
  );
}

export function LoginCommandPage() {
  const { t } = useTranslation(['login-command', 'common']);
  const { region = '' } = useParams();
  const create = useCreateLoginCommand(region);
  const reason = useGenerateReason();
  const { reset } = create;

  // The command is a credential: forget it when the page goes (or the region changes).
  useEffect(() => reset, [reset, region]);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { region })}
        actions={
          <Button
            variant="primary"
            disabledReason={reason}
            busy={create.isPending}
            onClick={() => {
              create.mutate();
            }}
          >
            {create.data === undefined ? t('generate') : t('generateAgain')}
          </Button>
        }
      />
      <div
        role="note"
        className="mb-4 rounded-md border border-warning/60 bg-warning/10 px-3 py-2 text-sm"
      >
        <p className="font-medium">{t('warning.title')}</p>
        <p>{t('warning.body')}</p>
      </div>
      {reason === undefined ? null : <p className="mb-4 text-sm text-muted">{reason}</p>}
      {create.isError ? <ErrorNotice error={create.error} what={t('failed')} /> : null}
      {create.data === undefined ? (
        create.isError ? null : (
          <EmptyState title={t('empty.title')}>{t('empty.body')}</EmptyState>
        )
      ) : (
        <GeneratedCommand
          key={create.submittedAt}
          login={create.data}
          region={region}
          generatedAt={create.submittedAt}
        />
      )}
    </>
  );
}
