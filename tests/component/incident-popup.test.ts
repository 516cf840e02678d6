import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import IncidentPopup from '../../src/components/IncidentPopup.svelte';
import { hostileIncident } from '../fixtures/incidents/hostile-incident.ts';

describe('IncidentPopup', () => {
  it('shows text from data literally, never as markup', () => {
    const { container } = render(IncidentPopup, { incident: hostileIncident });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Title <img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('Summary <img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('Place <img src=x onerror=alert(1)>');
  });

  it('links only http(s) sources, in a new tab without referrer', () => {
    const { container } = render(IncidentPopup, { incident: hostileIncident });
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://www.irrawaddy.com/news/x']);
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    // The unsafe sources still appear, as text.
    expect(container.textContent).toContain('Script link');
    expect(container.textContent).toContain('Data link');
  });

  it('phrases the date by its precision and states the location precision', () => {
    const { container } = render(IncidentPopup, { incident: hostileIncident });
    expect(container.textContent).toContain('week of 11 July 2022');
    expect(container.textContent).toContain('location known to township level');
    expect(container.textContent).toContain('secondary, via UCDP GED 443293');
  });

  it('shows each figure with its own source', () => {
    render(IncidentPopup, { incident: hostileIncident });
    expect(screen.getByText(/thousands/).textContent).toContain('Myanmar Now');
  });

  it('copies a citation naming the incident and its sources', async () => {
    const copyText = vi.fn(async (_t: string) => {});
    render(IncidentPopup, { incident: hostileIncident, copyText });
    await fireEvent.click(screen.getByRole('button', { name: 'Cite' }));
    expect(copyText).toHaveBeenCalledOnce();
    const text = copyText.mock.calls[0]?.[0] ?? '';
    expect(text).toContain('record X1');
    expect(text).toContain('The Irrawaddy, “Over 10,000 Civilians Flee”, 2022-07-15, https://www.irrawaddy.com/news/x');
    expect(text).not.toContain('javascript:');
    expect(await screen.findByRole('status')).toHaveTextContent('Citation copied');
  });
});
