import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ErrorBanner from '../../src/components/ErrorBanner.svelte';
import { describeError } from '../../src/lib/state/error-report.ts';

describe('ErrorBanner', () => {
  it('shows a readable message and copies the details', async () => {
    const err = describeError(new TypeError('x is not a function <b>'), 'Import failed', new Date('2026-11-28T10:00:00Z'));
    const copyText = vi.fn(async (_t: string) => {});
    render(ErrorBanner, { errors: [err], ondismiss: () => {}, copyText });
    expect(screen.getByRole('alert').textContent).toContain('Import failed: x is not a function <b>');
    await fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    expect(copyText.mock.calls[0]?.[0]).toContain('Time: 2026-11-28T10:00:00.000Z');
    expect(copyText.mock.calls[0]?.[0]).toContain('TypeError');
    expect(await screen.findByText('Details copied')).toBeInTheDocument();
  });

  it('renders nothing without errors and dismisses', async () => {
    const ondismiss = vi.fn();
    const { container, rerender } = render(ErrorBanner, { errors: [], ondismiss });
    expect(container.querySelector('[role="alert"]')).toBeNull();
    await rerender({ errors: [describeError('plain string', 'Oops')], ondismiss });
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(ondismiss).toHaveBeenCalledOnce();
  });
});
