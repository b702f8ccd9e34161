// @vitest-environment jsdom
/**
 * Date fields that save themselves (renderer/workbench/AutoField.tsx: claim date, source dates):
 * a native date input lets a person type the year 212024; such a date is named under the field and
 * never saved, and a real one is.
 */
import './fakeBridge';
import './domShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localCalendarDate } from '../../../shared/domain/calendar';
import { AutoText } from '../../../renderer/workbench/AutoField';

afterEach(cleanup);

const tomorrow = () => {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  return localCalendarDate(date);
};

describe('a date field', () => {
  it('refuses an impossible or future date with a message, and saves a real one', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<AutoText label="Claim date" type="date" value="" onSave={onSave} />);
    const field = screen.getByLabelText('Claim date');

    fireEvent.change(field, { target: { value: '212024-05-01' } });
    expect(screen.getByRole('alert').textContent).toBe('The year 212024 is not possible here. Use a year between 1000 and 9999.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.blur(field);

    fireEvent.change(field, { target: { value: tomorrow() } });
    expect(screen.getByRole('alert').textContent).toBe('That date is in the future. Check the year.');
    fireEvent.blur(field);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.change(field, { target: { value: '2024-05-01' } });
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('2024-05-01'));
  });
});
