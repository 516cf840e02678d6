/**
 * Streams a Blob's text through papaparse. Why not papaparse's own File reader (`Papa.parse(file)`):
 * it slices the file by bytes and decodes each slice on its own, so a Burmese character (three bytes
 * in UTF-8) cut by a chunk boundary turns into two replacement characters (mholt/PapaParse issue
 * #751, "ReadableStreamStreamer sometimes breaks UTF8-characters to ��", still open; pull request
 * #1099 shows the same cut in its File reader). Here `streamText` decodes with a streaming
 * TextDecoder, and papaparse reads the decoded text through its Node-style stream interface, which
 * joins the line that a chunk boundary splits.
 */
import Papa, { type ParseResult, type Parser } from 'papaparse';
import { LineLengthGuard, LineTooLongError } from './csv-limits.ts';
import { PAPA_CONFIG } from './papa-config.ts';
import type { CsvRow } from './types.ts';
import { streamText } from './utf8-stream.ts';

/** Bytes read, decoded and handed to papaparse per chunk. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

/** What papaparse's stream reader needs: Node-style `on`/`removeListener`, `pause`/`resume`. */
type Listener = (arg?: unknown) => void;

/**
 * Streams a Blob's text through papaparse (its stream reader, so lines split by a chunk
 * boundary are joined) and calls `onChunk` with each parsed chunk. Resolves when the file is
 * read or the parser aborted. Rejects with EncodingError on invalid UTF-8.
 */
export function parseCsvBlob(
  file: Blob,
  chunkBytes: number,
  onChunk: (results: ParseResult<CsvRow>, parser: Parser, bytesRead: number) => void,
): Promise<void> {
  const listeners = new Map<string, Listener>();
  // Papa.parse recognises a stream by these members.
  const stream = {
    readable: true,
    read: () => null,
    on(event: string, fn: Listener) {
      listeners.set(event, fn);
      return stream;
    },
    removeListener(event: string) {
      listeners.delete(event);
      return stream;
    },
    // Every chunk is parsed synchronously when it is emitted, so there is nothing to pause.
    pause: () => stream,
    resume: () => stream,
  };
  let bytesRead = 0;
  let stopped = false;
  const lines = new LineLengthGuard();
  return new Promise<void>((resolve, reject) => {
    Papa.parse<CsvRow>(stream as unknown as NodeJS.ReadableStream, {
      ...PAPA_CONFIG,
      chunk(results, parser) {
        onChunk(results, parser, bytesRead);
      },
      complete() {
        stopped = true;
        resolve();
      },
      error(err: Error) {
        stopped = true;
        reject(err);
      },
    });
    streamText(file, chunkBytes, (text, read) => {
      if (stopped) return false;
      // Checked before papaparse sees the text: an endless line would be re-parsed with every slice.
      if (!lines.accept(text)) {
        stopped = true;
        reject(new LineTooLongError());
        return false;
      }
      bytesRead = read;
      listeners.get('data')?.(text);
      return !stopped;
    }).then(
      () => {
        if (!stopped) listeners.get('end')?.();
      },
      (e: unknown) => {
        stopped = true;
        reject(e);
      },
    );
  });
}

