import '@testing-library/jest-dom/vitest';
import '@testing-library/svelte/vitest';

// jsdom has no ResizeObserver, which `bind:clientHeight` uses (the incident feed); the sizes do
// not matter in component tests, so a stand-in that never reports is enough.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}
