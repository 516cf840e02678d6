/**
 * The linking worker: links records into events off the main thread when there are many (a
 * 200,000-row import against the built-in record), so the page keeps drawing. It only routes.
 */
import type { LinkDecision } from '../domain/event-link.ts';
import { linkEvents, type EventLinks, type LinkRecords } from './event-links.ts';

/** What the page asks: link these records with these decisions. */
export interface LinkRequest {
  readonly seq: number;
  readonly records: LinkRecords;
  readonly decisions: readonly LinkDecision[];
}

/** What the worker answers, for the request of the same `seq`. */
export type LinkResponse = { readonly seq: number; readonly links: EventLinks } | { readonly seq: number; readonly error: string };

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = (event: MessageEvent<LinkRequest>) => {
    const { seq, records, decisions } = event.data;
    try {
      const links = linkEvents(records, decisions);
      const transfer = [links.groupOf.buffer, links.memberStart.buffer, links.members.buffer, links.links.a.buffer, links.links.b.buffer, links.links.kind.buffer,
        links.candidates.a.buffer, links.candidates.b.buffer, links.candidates.distanceM.buffer, links.candidates.basis.buffer];
      self.postMessage({ seq, links } satisfies LinkResponse, { transfer: [...new Set(transfer)] as ArrayBuffer[] });
    } catch (e) {
      self.postMessage({ seq, error: e instanceof Error ? e.message : String(e) } satisfies LinkResponse);
    }
  };
}
