/**
 * A retention policy for many repositories: the rule (keep the newest N tags, or the tags pushed
 * in the last N days) and its exceptions, as a repository's Retention tab takes them. SWR applies
 * a policy as soon as it is saved: the preview says how many tags each repository loses at once,
 * and which protected ones among them (SWR does not know the console's protection).
 */
import { TAG_SELECTORS_MAX } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Field, Input, Select } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import {
  AMOUNT_MAX,
  newSelector,
  retentionDraft,
  retentionSpecOf,
  type RetentionDraft,
  type RetentionTemplate,
  type SelectorDraft,
} from '../template-drafts';
import { useDraft, type ProblemOf } from './job-form';
import { TemplateForm, type NewTemplateProps } from './template-form';

function Exceptions({
  selectors,
  onChange,
  problem,
}: {
  selectors: SelectorDraft[];
  onChange: (selectors: SelectorDraft[]) => void;
  problem: ProblemOf;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const change = (key: number, patch: Partial<SelectorDraft>) => {
    onChange(
      selectors.map((selector) => (selector.key === key ? { ...selector, ...patch } : selector)),
    );
  };
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{t('newJob.retention.exceptions')}</legend>
      <p className="text-xs text-muted">{t('newJob.retention.exceptionsHelp')}</p>
      {selectors.map((selector, index) => {
        const number = index + 1;
        return (
          <div key={selector.key} className="grid items-start gap-2 sm:grid-cols-[14rem_1fr_auto]">
            <Field label={t('newJob.retention.kind', { number })} labelHidden>
              {(control) => (
                <Select
                  {...control}
                  value={selector.kind}
                  onChange={(event) => {
                    change(selector.key, {
                      kind: event.target.value === 'regexp' ? 'regexp' : 'label',
                    });
                  }}
                >
                  <option value="label">{t('newJob.retention.kinds.label')}</option>
                  <option value="regexp">{t('newJob.retention.kinds.regexp')}</option>
                </Select>
              )}
            </Field>
            <Field
              label={t(`newJob.retention.pattern.${selector.kind}`, { number })}
              labelHidden
              error={problem(`selector-${String(selector.key)}`)}
            >
              {(control) => (
                <Input
                  {...control}
                  className="font-mono"
                  value={selector.pattern}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={256}
                  onChange={(event) => {
                    change(selector.key, { pattern: event.target.value });
                  }}
                />
              )}
            </Field>
            <Button
              aria-label={t('newJob.retention.removeException', { number })}
              onClick={() => {
                onChange(selectors.filter((other) => other.key !== selector.key));
              }}
            >
              {t('newJob.retention.remove')}
            </Button>
          </div>
        );
      })}
      <div>
        <Button
          size="sm"
          disabledReason={
            selectors.length >= TAG_SELECTORS_MAX
              ? t('newJob.problems.tooManyExceptions', { max: TAG_SELECTORS_MAX })
              : undefined
          }
          onClick={() => {
            onChange([...selectors, newSelector()]);
          }}
        >
          {t('newJob.retention.addException')}
        </Button>
      </div>
    </fieldset>
  );
}

export function NewRetention(props: NewTemplateProps) {
  const { region } = props;
  const { t } = useTranslation(['jobs', 'common']);
  const [draft, update] = useDraft<RetentionDraft>(retentionDraft);
  const max = AMOUNT_MAX[draft.template];
  return (
    <TemplateForm
      {...props}
      kind="retention-template"
      check={(repositories) => retentionSpecOf(region, repositories, draft)}
    >
      {(problem) => (
        <>
          <p role="note" className="rounded-md border border-warning/60 px-3 py-2 text-sm">
            {t('newJob.retention.warning')}
          </p>
          <RadioGroup<RetentionTemplate>
            legend={t('newJob.retention.template')}
            value={draft.template}
            inline
            options={[
              { value: 'tag_rule', label: t('newJob.retention.templates.tag_rule') },
              { value: 'date_rule', label: t('newJob.retention.templates.date_rule') },
            ]}
            onChange={(template) => {
              update({ template });
            }}
          />
          <Field
            className="max-w-xs"
            label={t(`newJob.retention.amount.${draft.template}`)}
            help={t('newJob.retention.amountHelp', { max })}
            error={problem('amount', { max })}
          >
            {(control) => (
              <Input
                {...control}
                inputMode="numeric"
                value={draft.amount}
                onChange={(event) => {
                  update({ amount: event.target.value });
                }}
              />
            )}
          </Field>
          <Exceptions
            selectors={draft.selectors}
            onChange={(selectors) => {
              update({ selectors });
            }}
            problem={problem}
          />
        </>
      )}
    </TemplateForm>
  );
}
