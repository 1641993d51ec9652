import { maskPhone } from '../../phone/mask.ts';
import { readAnswer, splitPath, valueAt } from '../answer-reader.ts';
import type { ResultReader } from '../config.ts';
import { MissingFromBatchError, UnreadableResponseError, type CheckError } from '../errors.ts';

export interface BatchReplyShape {
  /** Dotted path of the per-number answers in the reply; `''` is the reply itself. */
  readonly resultsPath: string;
  /** `''`: the answers are an object keyed by number; else an array of objects naming their number here. */
  readonly phoneField: string;
  /** Read in each number's answer, as for the per-number contract (`ORDERS_JSON_PATH`). */
  readonly jsonPath: string;
  readonly readAs: ResultReader;
}

/** One number's outcome in a batch reply: has orders (true), none (false), or why it could not be told. */
export type BatchAnswer = boolean | CheckError;

/**
 * Turns a 2xx batch reply into one answer per number asked. A reply that is not JSON, or has no
 * answers where the shape says, throws `UnreadableResponseError` (the whole batch fails); a number the
 * reply leaves out is a `MissingFromBatchError`, and an answer without a readable value an
 * `UnreadableResponseError`, for that number alone. Never "no orders" by default.
 */
export class BatchReplyReader {
  private readonly resultsPath: readonly string[];
  private readonly answerPath: readonly string[];

  constructor(private readonly shape: BatchReplyShape) {
    this.resultsPath = splitPath(shape.resultsPath);
    this.answerPath = splitPath(shape.jsonPath);
  }

  /** Answers in the order of `phones`. */
  read(text: string, phones: readonly string[]): BatchAnswer[] {
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch {
      throw new UnreadableResponseError(`batch reply for ${phones.length} numbers is not JSON`);
    }
    const answers = this.answersByPhone(valueAt(reply, this.resultsPath), phones.length);
    return phones.map((phone) => {
      const answer = answers(phone);
      if (answer === undefined) return new MissingFromBatchError(`batch reply has no answer for ${maskPhone(phone)}`);
      const hasOrders = readAnswer(answer, this.answerPath, this.shape.readAs);
      if (hasOrders !== undefined) return hasOrders;
      return new UnreadableResponseError(
        `batch reply's answer for ${maskPhone(phone)} has no value readable as ${this.shape.readAs} at ${this.shape.jsonPath}`,
      );
    });
  }

  /** A lookup of each number's answer (undefined: left out), or throws when the answers are not there. */
  private answersByPhone(results: unknown, asked: number): (phone: string) => unknown {
    const where = this.shape.resultsPath === '' ? 'the reply' : this.shape.resultsPath;
    if (this.shape.phoneField === '') {
      if (results === null || typeof results !== 'object' || Array.isArray(results))
        throw new UnreadableResponseError(
          `batch reply for ${asked} numbers: ${where} is not an object keyed by number`,
        );
      const byPhone = results as Record<string, unknown>;
      return (phone) => (Object.hasOwn(byPhone, phone) ? byPhone[phone] : undefined);
    }
    if (!Array.isArray(results))
      throw new UnreadableResponseError(`batch reply for ${asked} numbers: ${where} is not an array of answers`);
    const byPhone = new Map<string, unknown>();
    for (const item of results) {
      const phone = valueAt(item, [this.shape.phoneField]);
      const key = typeof phone === 'string' ? phone : typeof phone === 'number' ? String(phone) : undefined;
      // The first answer for a number wins; a repeated one cannot overrule it.
      if (key !== undefined && !byPhone.has(key)) byPhone.set(key, item);
    }
    return (phone) => byPhone.get(phone);
  }
}
