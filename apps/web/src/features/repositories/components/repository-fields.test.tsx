/** The attribute fields the create and edit forms share. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { RepositoryFields, type RepositoryFieldsProps } from './repository-fields';

function renderFields(props: Partial<RepositoryFieldsProps> = {}) {
  const handlers = {
    onVisibilityChange: vi.fn(),
    onCategoryChange: vi.fn(),
    onDescriptionChange: vi.fn(),
  };
  render(
    <Suspense fallback={null}>
      <RepositoryFields
        visibility="private"
        category="other"
        description=""
        {...handlers}
        {...props}
      />
    </Suspense>,
  );
  return handlers;
}

describe('RepositoryFields', () => {
  it('shows the values and reports each change', async () => {
    const user = userEvent.setup();
    const handlers = renderFields({ description: 'old' });
    expect(await screen.findByRole('radio', { name: /Private/ })).toBeChecked();
    const category = screen.getByRole('combobox', { name: 'Category' });
    expect(category).toHaveValue('other');
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveValue('old');

    await user.click(screen.getByRole('radio', { name: /Public/ }));
    expect(handlers.onVisibilityChange).toHaveBeenCalledWith('public');
    await user.selectOptions(category, 'linux');
    expect(handlers.onCategoryChange).toHaveBeenCalledWith('linux');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), '!');
    expect(handlers.onDescriptionChange).toHaveBeenCalledWith('old!');
  });

  it('offers a category the console does not know, and shows a description error', async () => {
    renderFields({ category: 'quantum', otherCategory: 'quantum', descriptionError: 'Too long.' });
    const category = await screen.findByRole('combobox', { name: 'Category' });
    expect(category).toHaveValue('quantum');
    expect(screen.getByRole('option', { name: 'quantum' })).toBeInTheDocument();
    const description = screen.getByRole('textbox', { name: 'Description' });
    expect(description).toHaveAttribute('aria-invalid', 'true');
    expect(description).toHaveAccessibleDescription(expect.stringContaining('Too long.'));
  });
});
