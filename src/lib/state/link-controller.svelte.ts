/**
 * Links the loaded records into events once per change of the records or of the decisions, off
 * the main thread when there are many, and keeps the "same event" decisions on this device. A
 * person decides "Same event" or "Not the same"; nothing is merged without a decision, except
 * records that name each other's ids.
 */
import type { AppState } from './app-state.svelte.ts';
import { latestDecisions, recordRefOf, type LinkDecision, type LinkVerdict } from '../domain/event-link.ts';
import type { IncidentRecord } from '../domain/incident.ts';
import { linkDecision, loadLinkDecisions, saveLinkDecisions } from '../data/link-decisions.ts';
import { linkEvents, linkRecordsFromIncidents, type EventLinks, type LinkRecords } from '../query/event-links.ts';
import type { IncidentIndex } from '../query/visible-incidents.ts';
import type { LinkRequest, LinkResponse } from '../query/link.worker.ts';

/** Above this many records, linking runs in a worker. */
export const LINK_IN_WORKER_ABOVE = 20_000;

/** Runs linking somewhere: on this thread, or in a worker. */
export type RunLinking = (records: LinkRecords, decisions: readonly LinkDecision[]) => Promise<EventLinks>;

/** Links in a fresh worker per request; the last request wins. */
export function workerLinking(): RunLinking {
  let worker: Worker | null = null;
  let seq = 0;
  return (records, decisions) => {
    worker ??= new Worker(new URL('../query/link.worker.ts', import.meta.url), { type: 'module', name: 'link' });
    const w = worker;
    const mine = ++seq;
    return new Promise((resolve, reject) => {
      const onMessage = (e: MessageEvent<LinkResponse>): void => {
        if (e.data.seq !== mine) return;
        w.removeEventListener('message', onMessage);
        if ('error' in e.data) reject(new Error(e.data.error));
        else resolve(e.data.links);
      };
      w.addEventListener('message', onMessage);
      w.postMessage({ seq: mine, records, decisions: [...decisions] } satisfies LinkRequest);
    });
  };
}

/** Where the decisions are kept (localStorage by default; none where storage is blocked). */
export type DecisionStorage = Pick<Storage, 'getItem' | 'setItem'> | null;

function localStorageOrNull(): DecisionStorage {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export interface LinkControllerDeps {
  readonly storage?: DecisionStorage;
  /** How linking runs for many records (a worker by default). */
  readonly runLarge?: RunLinking;
  readonly now?: () => Date;
}

export class LinkController {
  readonly #app: AppState;
  readonly #storage: DecisionStorage;
  readonly #runLarge: RunLinking;
  readonly #now: () => Date;
  /** The index being linked, so a late answer for an older index is dropped. */
  #pending: IncidentIndex | null = null;
  /** A message for the reader when a decision could not be applied or kept. */
  status = $state<string | null>(null);

  constructor(app: AppState, deps: LinkControllerDeps = {}) {
    this.#app = app;
    this.#storage = deps.storage === undefined ? localStorageOrNull() : deps.storage;
    this.#runLarge = deps.runLarge ?? workerLinking();
    this.#now = deps.now ?? (() => new Date());
    const kept = loadLinkDecisions(this.#storage);
    app.decisions = kept.decisions;
  }

  /** Starts linking whenever the records or the decisions change; returns a function that stops. */
  start(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const index = this.#app.index;
        const decisions = this.#app.decisions;
        void this.#link(index, decisions);
      });
    });
  }

  async #link(index: IncidentIndex, decisions: readonly LinkDecision[]): Promise<void> {
    this.#pending = index;
    const records = linkRecordsFromIncidents(index.incidents);
    try {
      const links = index.incidents.length > LINK_IN_WORKER_ABOVE ? await this.#runLarge(records, decisions) : linkEvents(records, decisions);
      if (this.#pending !== index) return;
      this.#app.linked = { index, links, records };
      const refused = links.refused.filter((r) => r.kind === 'decision');
      this.status = refused.length ? `${refused.length} "same event" decision${refused.length > 1 ? 's were' : ' was'} not applied: ${refused[0]?.reason}` : null;
    } catch (e) {
      this.#app.reportError(e, 'Linking records into events failed');
    }
  }

  /** Records that a person decided two records are, or are not, the same event; kept on this device. */
  decide(a: IncidentRecord, b: IncidentRecord, verdict: LinkVerdict): void {
    const next = latestDecisions([...this.#app.decisions, linkDecision(recordRefOf(a), recordRefOf(b), verdict, this.#now())]);
    this.#app.decisions = next;
    if (!saveLinkDecisions(this.#storage, next)) this.status = 'Your decision applies now but could not be kept on this device (storage is full or blocked).';
  }

  /** Adds decisions that came with imported data (a GeoJSON export); the latest about a pair wins. */
  addDecisions(decisions: readonly LinkDecision[]): void {
    if (!decisions.length) return;
    const next = latestDecisions([...this.#app.decisions, ...decisions]);
    this.#app.decisions = next;
    saveLinkDecisions(this.#storage, next);
  }

  /** Forgets every decision, here and on this device. */
  eraseDecisions(): void {
    this.#app.decisions = [];
    saveLinkDecisions(this.#storage, []);
  }
}
