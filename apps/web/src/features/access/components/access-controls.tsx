/**
 * What the Access view shows: the regions, by repository or by user, and which one, picked in a
 * searchable combobox (a text box with the index's repositories or users as its list). Each
 * choice goes to the URL.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RegionScopeSelect } from '../../../components/region-scope-select';
import { Field, Input } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import type { RegionScope } from '../../../lib/region-scope';
import { CHOICE_MAX, type AccessMode, type AccessView } from '../view-state';

export interface AccessControlsProps {
  view: AccessView;
  /** The page's regions (its own, or all), and their choice. */
  scope: RegionScope;
  onChange: (changes: Partial<AccessView>) => void;
  repositories: readonly string[];
  users: readonly string[];
}

export function AccessControls(props: AccessControlsProps) {
  const { t } = useTranslation('access');
  const { view, onChange } = props;
  return (
    <div role="search" aria-label={t('mode.label')} className="flex flex-wrap items-start gap-4">
      <RegionScopeSelect
        label={t('regions.label')}
        allLabel={t('regions.all')}
        scope={props.scope}
      />
      <RadioGroup<AccessMode>
        legend={t('mode.label')}
        inline
        value={view.mode}
        options={[
          {
            value: 'repository',
            label: t('mode.repository'),
            description: t('mode.repositoryHelp'),
          },
          { value: 'user', label: t('mode.user'), description: t('mode.userHelp') },
        ]}
        onChange={(mode) => {
          onChange({ mode });
        }}
      />
      {view.mode === 'repository' ? (
        <Picker
          key="repository"
          label={t('pick.repository')}
          placeholder={t('pick.repositoryPlaceholder')}
          help={t('pick.repositoryHelp')}
          value={view.repository}
          options={props.repositories}
          onPick={(repository) => {
            onChange({ repository });
          }}
        />
      ) : (
        <Picker
          key="user"
          label={t('pick.user')}
          placeholder={t('pick.userPlaceholder')}
          help={t('pick.userHelp')}
          value={view.user}
          options={props.users}
          onPick={(user) => {
            onChange({ user });
          }}
        />
      )}
    </div>
  );
}

interface PickerProps {
  label: string;
  placeholder: string;
  help: string;
  value: string;
  options: readonly string[];
  onPick: (value: string) => void;
}

/** The options holding `text`, any case. */
function matching(options: readonly string[], text: string): string[] {
  const wanted = text.trim().toLowerCase();
  return options.filter((option) => option.toLowerCase().includes(wanted));
}

/**
 * A text box with the options as its list: picking an option (or typing one exactly) chooses it;
 * Enter chooses the only option holding what was typed.
 */
function Picker({ label, placeholder, help, value, options, onPick }: PickerProps) {
  const listId = useId();
  const [text, setText] = useState(value);
  const choose = (next: string) => {
    setText(next);
    onPick(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    const [only, ...more] = matching(options, text);
    if (only !== undefined && more.length === 0) choose(only);
  };
  return (
    <Field label={label} help={help} className="w-80">
      {(control) => (
        <>
          <Input
            {...control}
            type="text"
            list={listId}
            autoComplete="off"
            spellCheck={false}
            maxLength={CHOICE_MAX}
            placeholder={placeholder}
            value={text}
            onChange={(event) => {
              const next = event.target.value;
              if (options.includes(next)) choose(next);
              else setText(next);
            }}
            onKeyDown={onKeyDown}
          />
          <datalist id={listId}>
            {options.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
