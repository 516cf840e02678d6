/**
 * Benchmark-only: a bare papaparse parse with the importer's reader and configuration, so the
 * bench compares like with like. It lives with the bench and never ships in the app's bundle.
 */
import Papa from 'papaparse';
import { DEFAULT_CHUNK_BYTES, parseCsvBlob } from '../../src/lib/data/import/papa-stream.ts';
import { PAPA_CONFIG } from '../../src/lib/data/import/papa-config.ts';
import type { CsvRow } from '../../src/lib/data/import/types.ts';

export interface BareParseRequest {
  readonly type: 'bare';
  readonly file: Blob;
  readonly chunkBytes?: number;
  /** `stream`: the importer's reader; `papa-file`: papaparse's own File reader. */
  readonly reader?: 'stream' | 'papa-file';
}

export interface BareParseDone {
  readonly type: 'bare-done';
  readonly rows: number;
  readonly ms: number;
  readonly bytes: number;
}

/** Parses a CSV with the same reader and configuration as `runImport`, only counting rows. */
export async function runBareParse(request: BareParseRequest, post: (m: BareParseDone) => void): Promise<void> {
  const started = performance.now();
  let rows = 0;
  if (request.reader === 'papa-file') {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<CsvRow>(request.file as File, {
        ...PAPA_CONFIG,
        chunkSize: request.chunkBytes ?? DEFAULT_CHUNK_BYTES,
        chunk(results) {
          rows += results.data.length;
        },
        complete: () => resolve(),
        error: (err) => reject(err),
      });
    });
  } else {
    await parseCsvBlob(request.file, request.chunkBytes ?? DEFAULT_CHUNK_BYTES, (results) => {
      rows += results.data.length;
    });
  }
  post({ type: 'bare-done', rows, ms: performance.now() - started, bytes: request.file.size });
}

