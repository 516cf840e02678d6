import { mkdirSync, writeFileSync } from 'node:fs';
import { build, preview, type PluginOption, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** Where the build writes the list of every source module in the bundle (the app's and its workers'). */
export const BUNDLE_MODULES_FILE = '.cache/e2e-bundle-modules.json';

let server: PreviewServer | undefined;

/** Collects the id of every module rolled into a chunk, so a test can check what ships. */
function recordModules(into: Set<string>): PluginOption {
  return {
    name: 'conflict-map:record-bundle-modules',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') for (const id of Object.keys(output.modules)) into.add(id);
      }
    },
  };
}

/** One production build and one local server for every browser test. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const modules = new Set<string>();
  await build({ logLevel: 'warn', mode: 'production', plugins: [recordModules(modules)], worker: { plugins: () => [recordModules(modules)] } });
  mkdirSync('.cache', { recursive: true });
  writeFileSync(BUNDLE_MODULES_FILE, `${JSON.stringify([...modules].sort(), null, 1)}\n`);
  server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseURL', url);
  return async () => {
    await server?.close();
  };
}
