/**
 * The attributes a repository is created with and edited by: public or private, one of SWR's
 * categories, and a description. The create and edit forms own the values; these are the fields.
 */
import { DESCRIPTION_MAX, REPOSITORY_CATEGORIES } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Field, Select, Textarea } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import type { Visibility } from '../list-state';
import { useVisibilityOptions } from './visibility';

export interface RepositoryFieldsProps {
  visibility: Visibility;
  category: string;
  description: string;
  /** A category SWR holds that is not one of the console's, offered as it is. */
  otherCategory?: string | undefined;
  descriptionError?: string | undefined;
  onVisibilityChange: (visibility: Visibility) => void;
  /** The chosen option's value, one of the console's categories or `otherCategory`. */
  onCategoryChange: (category: string) => void;
  onDescriptionChange: (description: string) => void;
}

export function RepositoryFields(props: RepositoryFieldsProps) {
  const { t } = useTranslation(['repositories', 'common']);
  const visibilityOptions = useVisibilityOptions();
  return (
    <>
      <RadioGroup
        legend={t('visibility.label')}
        value={props.visibility}
        options={visibilityOptions}
        inline
        onChange={props.onVisibilityChange}
      />
      <Field label={t('category.label')}>
        {(control) => (
          <Select
            {...control}
            value={props.category}
            onChange={(event) => {
              props.onCategoryChange(event.target.value);
            }}
          >
            {REPOSITORY_CATEGORIES.map((option) => (
              <option key={option} value={option}>
                {t(`common:categories.${option}`)}
              </option>
            ))}
            {props.otherCategory === undefined ? null : (
              <option value={props.otherCategory}>{props.otherCategory}</option>
            )}
          </Select>
        )}
      </Field>
      <Field
        label={t('description.label')}
        help={t('description.help')}
        error={props.descriptionError}
      >
        {(control) => (
          <Textarea
            {...control}
            value={props.description}
            maxLength={DESCRIPTION_MAX}
            onChange={(event) => {
              props.onDescriptionChange(event.target.value);
            }}
          />
        )}
      </Field>
    </>
  );
}
