import type { CandidatePlanQuery, MatchPhoneInput, PlaceField } from '../../schema/generated/graphql.ts';
import { h, present } from './dom.ts';
import type { Problem, Violation } from './problems.ts';
import { t } from './wording/language.ts';

/** What the service read as the customer's place (candidatePlan's province, city, placeName and their sources). */
export type PlaceReading = CandidatePlanQuery['candidatePlan'];
/** The part of the input the customer's place is read from. */
export type PlaceInput = Pick<MatchPhoneInput, 'province' | 'city' | 'address'>;

export interface PlaceReadoutHandlers {
  /** Asks the service how it reads the input's place (candidatePlan); rejects with a Problem, or when aborted. */
  readPlace(input: MatchPhoneInput, signal: AbortSignal): Promise<PlaceReading>;
  /** A reading came back: the place fields' old problems are stale. */
  readingArrived(): void;
  /** The service refused the place: its violations about the place fields (the search reports the rest). */
  refused(violations: readonly Violation[]): void;
}

/** A pause in typing before the place is read again: one request per paste or word, not per key. */
const READ_DELAY_MS = 300;
/**
 * candidatePlan needs a number, but reads the place without it: a complete number makes the plan one
 * candidate (cheap), so the reading does not wait for the digits, nor shows their problems while typed.
 */
const ANY_COMPLETE_NUMBER = '13800000000';

/**
 * Where the service reads the customer to be, shown under the place fields as they are typed, before
 * any search (`义乌市 → 浙江 金华 (from the address)`). Readings wait for a pause in typing, and a newer
 * one aborts the one under way, so an older answer never replaces a newer one.
 */
export class PlaceReadout {
  readonly element = h('p', { id: 'place-read', class: 'place-read', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading: AbortController | undefined;
  /** The last reading, with the place input it is of (for the search's place label). */
  private last: { key: string; place: PlaceReading } | undefined;

  constructor(private readonly handlers: PlaceReadoutHandlers) {}

  /** Reads `place` once typing pauses; with no place given, shows nothing. */
  readSoon(place: PlaceInput): void {
    clearTimeout(this.timer);
    this.reading?.abort();
    this.reading = undefined;
    if (!place.province && !place.city && !place.address) {
      this.show(undefined);
      return;
    }
    this.element.setAttribute('aria-busy', 'true');
    this.timer = setTimeout(() => void this.read(place), READ_DELAY_MS);
  }

  /** The last reading when it is of `input`'s place as it stands. */
  readingOf(input: PlaceInput): PlaceReading | undefined {
    return this.last?.key === placeKey(input) ? this.last.place : undefined;
  }

  private async read(place: PlaceInput): Promise<void> {
    const reading = new AbortController();
    this.reading = reading;
    try {
      const read = await this.handlers.readPlace({ mask: ANY_COMPLETE_NUMBER, ...place }, reading.signal);
      if (reading.signal.aborted) return;
      this.last = { key: placeKey(place), place: read };
      this.handlers.readingArrived();
      this.show(read);
    } catch (error) {
      if (reading.signal.aborted) return;
      this.show(undefined);
      const problem = error as Problem;
      if (problem.kind === 'input') this.handlers.refused(problem.violations);
    } finally {
      if (this.reading === reading) {
        this.reading = undefined;
        this.element.removeAttribute('aria-busy');
      }
    }
  }

  private show(read: PlaceReading | undefined): void {
    if (!read?.province) {
      this.element.replaceChildren();
      this.element.removeAttribute('aria-busy');
      return;
    }
    const where = [read.province, read.city].filter(Boolean).join(' ');
    const from = [...new Set([read.provinceFrom, read.cityFrom].filter((f): f is PlaceField => Boolean(f)))];
    this.element.replaceChildren(
      ...present<Node | string>(
        h('span', { class: 'read-label' }, t.form.readAs),
        read.placeName && read.placeName !== where ? `${read.placeName} → ` : null,
        h('strong', { class: 'read-place' }, where),
        read.city ? null : t.form.wholeProvince,
        h('span', { class: 'read-from' }, t.form.readFrom(from)),
      ),
    );
  }
}

/** Names a place input (province, city, address as sent), to tell whether a reading is of it. */
function placeKey(input: PlaceInput): string {
  return JSON.stringify([input.province ?? '', input.city ?? '', input.address ?? '']);
}
