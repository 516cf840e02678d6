/**
 * Benchmark-only import worker: the app's `runImport`, optionally without posting incidents to
 * the page (to time parse, map and validate alone), and the bare papaparse parse with the same
 * reader. Built only into the bench's bare page, never into the app.
 */
import { runImport } from '../../src/lib/data/import/run-import.ts';
import type { WorkerMessage, WorkerRequest } from '../../src/lib/data/import/worker-protocol.ts';
import { runBareParse, type BareParseRequest } from './bench-parse.ts';

/** `deliver: false` keeps incident batches in the worker, so only parsing, mapping and validation are timed. */
type BenchRequest = (Extract<WorkerRequest, { type: 'import' }> & { readonly deliver?: boolean }) | BareParseRequest;

const post = (message: unknown): void => self.postMessage(message);

self.onmessage = (event: MessageEvent<BenchRequest>) => {
  const request = event.data;
  const run =
    request.type === 'bare'
      ? runBareParse(request, post)
      : runImport(request, request.deliver === false ? (m: WorkerMessage) => void (m.type !== 'incidents' && post(m)) : post);
  run.catch((e: unknown) => post({ type: 'refused', message: e instanceof Error ? e.message : String(e) }));
};
