/**
 * Reads a Blob as UTF-8 text in slices with a streaming TextDecoder, so a character cut by a
 * slice boundary is joined to the next slice, and invalid UTF-8 is an error, never replaced.
 */

/** Thrown when the text stops being valid UTF-8 part-way through a file. */
export class EncodingError extends Error {}

/**
 * Reads a Blob as UTF-8 text in slices of `chunkBytes`. A character cut by a slice boundary
 * is joined to the next slice, and invalid UTF-8 throws an EncodingError (never silently
 * replaced). `onText` gets each slice's text and the bytes read so far; returning false stops.
 */
export async function streamText(
  file: Blob,
  chunkBytes: number,
  onText: (text: string, bytesRead: number, last: boolean) => boolean,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes: ArrayBuffer | undefined, at: number): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw new EncodingError(`The file stops being valid UTF-8 text near byte ${at.toLocaleString('en-GB')}.`);
    }
  };
  for (let start = 0; start < file.size; start += chunkBytes) {
    const end = Math.min(file.size, start + chunkBytes);
    const text = decode(await file.slice(start, end).arrayBuffer(), start);
    if (end === file.size) {
      onText(text + decode(undefined, end), end, true);
      return;
    }
    if (!onText(text, end, false)) return;
  }
  onText(decode(undefined, 0), 0, true);
}

