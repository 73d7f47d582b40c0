/**
 * Creating or changing the retention policy. SWR applies a policy the moment it is saved and has
 * no dry run, so the form shows, before saving, what the rule would delete among the repository's
 * tags (the contract's `evaluateRetention`), and asks for a red confirmation when tags would go.
 */
import {
  evaluateRetention,
  TAG_SELECTORS_MAX,
  type Retention,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Field, Input, Select } from '../../../components/ui/field';
import { ErrorNotice } from '../../../components/ui/states';
import { fieldError } from '../../../lib/errors';
import { useFormat } from '../../../lib/format';
import { protectedTagsQuery, protectionOf } from '../../../lib/protected-tags';
import { simulatorTagsQuery, useSaveRetention } from '../api';
import { ProtectedWarning } from './protected-warning';
import { RetentionPreview } from './retention-preview';
import { RetentionSentence } from './retention-sentence';
import {
  AMOUNT_MAX,
  draftFrom,
  draftProblems,
  matchCount,
  newSelector,
  previewRule,
  protectionSelectors,
  toRule,
  type RuleDraft,
  type SelectorDraft,
  type Template,
} from './rule-draft';

/** How many tags the confirmation names before "and N more". */
const NAMED_IN_CONFIRMATION = 10;

export interface RetentionEditorProps {
  region: string;
  namespace: string;
  repository: string;
  /** The policy to change; a new one is created without it. */
  policy: Retention | undefined;
  onDone: () => void;
}

export function RetentionEditor(props: RetentionEditorProps) {
  const { region, namespace, repository, policy, onDone } = props;
  const { t } = useTranslation(['retention', 'common']);
  const format = useFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const [draft, setDraft] = useState<RuleDraft>(() => draftFrom(policy));
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [now] = useState(() => new Date());
  const tags = useQuery(simulatorTagsQuery(region, namespace, repository));
  const save = useSaveRetention(region, namespace, repository);
  const problems = draftProblems(draft, t);
  const rule = previewRule(draft, problems);
  const verdicts =
    rule === undefined || tags.data === undefined
      ? []
      : evaluateRetention(rule, tags.data.tags, now);
  const doomed = verdicts.filter((verdict) => verdict.action === 'delete');
  const editing = policy !== undefined;
  // Tags the console protects: SWR's retention deletes them all the same, so the editor warns.
  const patterns = useQuery(protectedTagsQuery(namespace));
  const protection = useMemo(() => protectionOf(patterns.data), [patterns.data]);
  const doomedProtected = doomed.flatMap((verdict) =>
    protection(verdict.tag) === undefined ? [] : [verdict.tag],
  );
  const exclusions = protectionSelectors(patterns.data ?? [], draft.selectors);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const update = (next: Partial<RuleDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    if (save.isError) save.reset();
  };
  const updateSelector = (key: number, next: Partial<SelectorDraft>) => {
    update({
      selectors: draft.selectors.map((selector) =>
        selector.key === key ? { ...selector, ...next } : selector,
      ),
    });
  };
  const submit = () => {
    save.mutate(
      { id: policy?.id, rule: toRule(draft) },
      {
        onSuccess: () => {
          setConfirming(false);
          onDone();
        },
        onError: () => {
          setConfirming(false);
        },
      },
    );
  };
  const serverField = (field: string) =>
    save.isError ? fieldError(save.error, `rules.0.${field}`) : undefined;
  const amountField = draft.template === 'tag_rule' ? 'params.num' : 'params.days';
  const showProblem = (problem: string | undefined, value: string) =>
    submitted || value !== '' ? problem : undefined;

  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-lg border border-border bg-card p-4"
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="font-semibold outline-none">
        {editing ? t('editor.editTitle') : t('editor.createTitle')}
      </h2>
      <div
        role="note"
        className="rounded-md border border-warning/60 bg-warning/10 px-3 py-2 text-sm"
      >
        <p className="font-medium">{t('editor.warningTitle')}</p>
        <p>{t('editor.warning')}</p>
      </div>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (!problems.valid) return;
          if (doomed.length > 0 || tags.data === undefined || !tags.data.complete)
            setConfirming(true);
          else submit();
        }}
      >
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('editor.template')}</legend>
          {(['tag_rule', 'date_rule'] as const).map((template: Template) => (
            <label key={template} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="retention-template"
                value={template}
                checked={draft.template === template}
                disabled={editing}
                aria-describedby={editing ? `${headingId}-template-locked` : undefined}
                onChange={() => {
                  update({ template });
                }}
              />
              {t(`editor.templates.${template}`)}
            </label>
          ))}
          {editing ? (
            <p id={`${headingId}-template-locked`} className="text-xs text-muted">
              {t('editor.templateLocked')}
            </p>
          ) : null}
        </fieldset>
        <Field
          className="max-w-xs"
          label={t(`editor.amount.${draft.template}`)}
          help={t(`editor.amountHelp.${draft.template}`, { max: AMOUNT_MAX[draft.template] })}
          error={showProblem(problems.amount, draft.amount) ?? serverField(amountField)}
        >
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={AMOUNT_MAX[draft.template]}
              value={draft.amount}
              onChange={(event) => {
                update({ amount: event.target.value });
              }}
            />
          )}
        </Field>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('editor.exceptions')}</legend>
          <p className="text-xs text-muted">{t('editor.exceptionsHelp')}</p>
          {draft.selectors.length === 0 ? (
            <p className="text-sm text-muted">{t('editor.noExceptions')}</p>
          ) : null}
          <ul className="flex flex-col gap-3">
            {draft.selectors.map((selector, index) => {
              const problem =
                showProblem(problems.selectors.get(selector.key), selector.pattern) ??
                serverField(`tag_selectors.${index}.pattern`);
              const matches =
                tags.data === undefined || problems.selectors.has(selector.key)
                  ? undefined
                  : matchCount(selector, tags.data.tags);
              return (
                <li key={selector.key} className="flex flex-wrap items-start gap-2">
                  <Field className="w-44" label={t('editor.kind', { number: index + 1 })}>
                    {(control) => (
                      <Select
                        {...control}
                        value={selector.kind}
                        onChange={(event) => {
                          updateSelector(selector.key, {
                            kind: event.target.value === 'regexp' ? 'regexp' : 'label',
                          });
                        }}
                      >
                        <option value="label">{t('editor.kinds.label')}</option>
                        <option value="regexp">{t('editor.kinds.regexp')}</option>
                      </Select>
                    )}
                  </Field>
                  <Field
                    className="min-w-60 flex-1"
                    label={t(`editor.pattern.${selector.kind}`, { number: index + 1 })}
                    error={problem}
                    help={
                      matches === undefined
                        ? undefined
                        : t('editor.matches', { count: matches, formatted: format.number(matches) })
                    }
                  >
                    {(control) => (
                      <Input
                        {...control}
                        className="font-mono"
                        value={selector.pattern}
                        autoComplete="off"
                        spellCheck={false}
                        maxLength={256}
                        placeholder={selector.kind === 'label' ? 'latest' : '^release-'}
                        onChange={(event) => {
                          updateSelector(selector.key, { pattern: event.target.value });
                        }}
                      />
                    )}
                  </Field>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="mt-6"
                    aria-label={t('editor.removeException', { number: index + 1 })}
                    onClick={() => {
                      update({
                        selectors: draft.selectors.filter((other) => other.key !== selector.key),
                      });
                    }}
                  >
                    {t('editor.remove')}
                  </Button>
                </li>
              );
            })}
          </ul>
          <div>
            <Button
              size="sm"
              disabledReason={
                draft.selectors.length >= TAG_SELECTORS_MAX
                  ? t('editor.tooManyExceptions', { max: TAG_SELECTORS_MAX })
                  : undefined
              }
              onClick={() => {
                update({ selectors: [...draft.selectors, newSelector()] });
              }}
            >
              {t('editor.addException')}
            </Button>
          </div>
        </fieldset>
        <div className="text-sm">
          <span className="text-muted">{t('editor.reads')} </span>
          {rule === undefined ? t('editor.incomplete') : <RetentionSentence rule={rule} />}
        </div>
        <QueryState
          query={tags}
          what={t('preview.failed')}
          loadingLabel={t('preview.loading')}
          keepData
        >
          {(data) =>
            rule === undefined ? (
              <p className="text-sm text-muted">{t('preview.fixRule')}</p>
            ) : (
              <RetentionPreview
                verdicts={verdicts}
                rule={rule}
                total={data.total}
                complete={data.complete}
              />
            )
          }
        </QueryState>
        <ProtectedWarning
          tags={doomedProtected}
          excludeReason={
            draft.selectors.length + exclusions.length > TAG_SELECTORS_MAX
              ? t('editor.tooManyExceptions', { max: TAG_SELECTORS_MAX })
              : undefined
          }
          onExclude={
            exclusions.length === 0
              ? undefined
              : () => {
                  update({
                    selectors: [
                      ...draft.selectors,
                      ...exclusions.map((selector) => newSelector(selector.kind, selector.pattern)),
                    ],
                  });
                }
          }
        />
        {save.isError && serverField(amountField) === undefined ? (
          <ErrorNotice error={save.error} what={t('editor.failed')} />
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onDone}>{t('common:actions.cancel')}</Button>
          <Button
            type="submit"
            variant={doomed.length > 0 ? 'danger' : 'primary'}
            busy={save.isPending}
            disabled={submitted && !problems.valid}
          >
            {doomed.length > 0
              ? t('editor.saveDeleting', {
                  count: doomed.length,
                  formatted: format.number(doomed.length),
                })
              : t('editor.save')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('editor.confirmTitle')}
        effect={
          <div className="flex flex-col gap-2">
            {tags.data === undefined ? (
              <p>{t('editor.confirmUnknown')}</p>
            ) : (
              <>
                <p>
                  {t('editor.confirmEffect', {
                    count: doomed.length,
                    formatted: format.number(doomed.length),
                    repository: `${namespace}/${repository}`,
                  })}
                </p>
                {doomed.length > 0 ? (
                  <p className="font-mono text-xs break-words">
                    {doomed
                      .slice(0, NAMED_IN_CONFIRMATION)
                      .map((verdict) => verdict.tag)
                      .join(', ')}
                    {doomed.length > NAMED_IN_CONFIRMATION
                      ? ` ${t('editor.andMore', { count: doomed.length - NAMED_IN_CONFIRMATION })}`
                      : ''}
                  </p>
                ) : null}
                {doomedProtected.length === 0 ? null : (
                  <p className="font-medium">
                    {t('protected.confirm', {
                      count: doomedProtected.length,
                      formatted: format.number(doomedProtected.length),
                    })}
                  </p>
                )}
                {tags.data.complete ? null : <p>{t('editor.confirmPartial')}</p>}
              </>
            )}
            <p>{t('editor.confirmAfter')}</p>
          </div>
        }
        confirmLabel={t('editor.confirm')}
        busy={save.isPending}
        onClose={() => {
          setConfirming(false);
        }}
        onConfirm={submit}
      />
    </section>
  );
}
