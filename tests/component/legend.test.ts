import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Legend from '../../src/components/Legend.svelte';
import { CATEGORIES } from '../../src/lib/domain/categories.ts';
import { FOCUS_AREAS } from '../../src/lib/domain/areas.ts';

describe('Legend', () => {
  it('lists every category from the one category table, with its colour', () => {
    const { container } = render(Legend);
    const items = [...container.querySelectorAll('[data-category]')];
    expect(items.map((li) => li.getAttribute('data-category'))).toEqual(CATEGORIES.map((c) => c.id));
    for (const c of CATEGORIES) {
      const path = container.querySelector(`[data-category="${c.id}"] path`);
      expect(path?.getAttribute('fill')).toBe(c.color);
      expect(container.querySelector(`[data-category="${c.id}"]`)?.textContent).toContain(c.label);
    }
  });

  it('explains precision symbols, the circle scale and the focus areas', () => {
    const { container } = render(Legend);
    expect(container.textContent).toContain('known only to a township');
    expect(container.querySelectorAll('svg.circles circle')).toHaveLength(3);
    expect([...container.querySelectorAll('[data-area]')].map((e) => e.textContent?.trim())).toEqual(FOCUS_AREAS.map((a) => a.label));
  });

  it('collapses and expands', async () => {
    const { container } = render(Legend);
    const toggle = screen.getByRole('button', { name: /Legend/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(container.querySelector('[data-category]')).toBeNull();
  });

  it('shows attribution of imported datasets as text', () => {
    render(Legend, { attributions: ['ACLED <b>x</b>'] });
    expect(screen.getByText('ACLED <b>x</b>')).toBeInTheDocument();
  });
});
