/**
 * The import worker's entry: it only routes messages. The work is in `run-import.ts` and the
 * modules it uses (sniffing, UTF-8 streaming, the papaparse stream, the IndexedDB chunk writer).
 */
import { runImport, stopSaving } from './run-import.ts';
import type { Post, WorkerRequest } from './worker-protocol.ts';

// Only attach the handler inside a worker: tests import the modules above in Node.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  const post: Post = (message) => self.postMessage(message);
  self.onmessage = (event: MessageEvent<WorkerRequest>) => {
    const request = event.data;
    if (request.type === 'stop-saving') {
      stopSaving();
      return;
    }
    runImport(request, post).catch((e: unknown) => post({ type: 'refused', message: `The import failed: ${e instanceof Error ? e.message : String(e)}` }));
  };
}
