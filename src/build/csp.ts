import type { Plugin } from 'vite';

/**
 * Relaxes the style policy for the dev server only.
 * Vite's dev server injects component CSS as <style> elements; the production
 * build extracts it into files, so the shipped policy stays `style-src 'self'`.
 */
export function devStyleCsp(): Plugin {
  return {
    name: 'conflict-map-dev-style-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    },
  };
}
