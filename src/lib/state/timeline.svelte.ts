import type { DateRange } from '../domain/filter.ts';
import { dayString } from '../domain/calendar.ts';
import { datePresets, playSteps } from '../query/timeline-bins.ts';
import type { AppState } from './app-state.svelte.ts';

/** Play speeds: milliseconds per step. */
export const PLAY_SPEEDS = [
  { id: 'slow', label: 'Slow', ms: 1600 },
  { id: 'normal', label: 'Normal', ms: 800 },
  { id: 'fast', label: 'Fast', ms: 300 },
] as const;
export type PlaySpeedId = (typeof PLAY_SPEEDS)[number]['id'];

/** Play steps one week at a time through a four-week window. */
export const PLAY_STEP_DAYS = 7;
export const PLAY_WINDOW_DAYS = 28;

/**
 * The timeline's behaviour: the histogram of what the other filters leave, brushing a date
 * range, and playing through time. While brushing or playing the app is "scrubbing", so the
 * map shows its live layers and the URL is written once at the end, not at every step.
 */
export class TimelineController {
  readonly #app: AppState;
  playing = $state(false);
  speed = $state<PlaySpeedId>('normal');
  #timer: ReturnType<typeof setTimeout> | undefined;
  #steps: DateRange[] = [];
  #step = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  readonly index = $derived.by(() => this.#app.index);
  /** The weekly bars, by events: a linked event is one bar's worth, at its most precise date. */
  readonly histogram = $derived.by(() => this.#app.histogram);
  /** First and last day of the data, or null with no dated incident. */
  readonly span = $derived(
    this.index.dataSpan ? { start: dayString(this.index.dataSpan[0]), end: dayString(this.index.dataSpan[1]) } : null,
  );

  /** Quick choices of date range for the data's span. */
  readonly presets = $derived(this.span ? datePresets(this.span.start, this.span.end) : []);

  /** Sets the date range; `live` while a brush is still moving. */
  setRange(range: DateRange | null, live = false): void {
    this.#app.scrubbing = live || this.playing;
    this.#app.setFilter({ ...this.#app.filter, dateRange: range });
  }

  /** A brush gesture ended: the map settles and the URL records the range. */
  endBrush(): void {
    if (!this.playing) this.#app.scrubbing = false;
  }

  /** Starts playing from the current range's start (or the data's start). */
  play(): void {
    const span = this.span;
    if (!span) return;
    this.#steps = playSteps(span.start, span.end, PLAY_STEP_DAYS, PLAY_WINDOW_DAYS);
    if (!this.#steps.length) return;
    const from = this.#app.filter.dateRange?.start;
    const at = from ? this.#steps.findIndex((s) => s.start >= from) : 0;
    this.#step = at < 0 || at >= this.#steps.length - 1 ? 0 : at;
    this.playing = true;
    this.#app.scrubbing = true;
    this.#advance();
  }

  #advance(): void {
    const range = this.#steps[this.#step];
    if (!this.playing || !range) {
      this.pause();
      return;
    }
    this.#app.setFilter({ ...this.#app.filter, dateRange: range });
    this.#step++;
    const ms = PLAY_SPEEDS.find((s) => s.id === this.speed)?.ms ?? 800;
    this.#timer = setTimeout(() => this.#advance(), ms);
  }

  /** Stops playing and leaves the last window selected. */
  pause(): void {
    clearTimeout(this.#timer);
    this.playing = false;
    this.#app.scrubbing = false;
  }

  /** Releases the timer. */
  destroy(): void {
    clearTimeout(this.#timer);
  }
}
