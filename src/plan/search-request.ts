import { InputValidationError, type InputViolation, violation } from '../errors/input-error.ts';
import { DEAD } from '../segments/digit-automaton.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import { type PartialNumber, type PartialNumberInput, UNKNOWN, fieldAt, parsePartialNumber } from './partial-number.ts';
import { type RegionFilter, type RegionInput, resolveRegion } from './region-filter.ts';
import { TierPlan } from './tier-plan.ts';

export type SearchInput = PartialNumberInput & RegionInput;

/** `MAX_CANDIDATES`'s default: the largest candidate set of one search. */
export const DEFAULT_MAX_CANDIDATES = 200_000;

/** A validated search: the partial number, the customer's region, and the tiered candidate plan. */
export interface SearchRequest {
  readonly number: PartialNumber;
  readonly region: RegionFilter;
  readonly plan: TierPlan;
}

/**
 * Validates the input and plans the candidates; throws InputValidationError listing every problem.
 * `maxCandidates` is the largest candidate set a search may have: a mask that allows more is refused
 * before any work.
 */
export function buildSearchRequest(
  index: SegmentIndex,
  input: SearchInput,
  maxCandidates = DEFAULT_MAX_CANDIDATES,
): SearchRequest {
  const number = parsePartialNumber(input);
  const region = resolveRegion(index.regions, input);
  const problems = [...number.problems, ...region.problems];
  if (!number.value || !region.value) throw new InputValidationError(problems);

  const plan = new TierPlan(index, number.value.digits, region.value);
  const planProblem = checkPlan(index, number.value, plan, maxCandidates);
  if (planProblem) throw new InputValidationError([planProblem]);
  return { number: number.value, region: region.value, plan };
}

function checkPlan(
  index: SegmentIndex,
  number: PartialNumber,
  plan: TierPlan,
  maxCandidates: number,
): InputViolation | undefined {
  const leadingField = fieldAt(number, 'leading');
  if (plan.total === 0) {
    const leading = leadingKnownDigits(number);
    if (index.numberingPlan.automaton.walk(leading) === DEAD) {
      return violation(
        leadingField,
        'UNALLOCATED_PREFIX',
        `no mobile number starts with ${leading}`,
        `a number starting with an allocated mobile prefix: ${allocatedPrefixes(index).join(', ')}`,
      );
    }
    return violation(
      fieldAt(number, 'trailing'),
      'NO_CANDIDATES',
      `no allocated mobile number matches ${number.display}`,
      'digits that some allocated mobile number has',
    );
  }
  if (plan.total > maxCandidates) {
    return violation(
      leadingField,
      'TOO_MANY_CANDIDATES',
      `${number.display} could be ${plan.total.toLocaleString('en')} numbers, more than the limit of ${maxCandidates.toLocaleString('en')}`,
      `more known digits: at most ${maxCandidates.toLocaleString('en')} candidates per search`,
    );
  }
  return undefined;
}

function leadingKnownDigits(number: PartialNumber): string {
  let out = '';
  for (const d of number.digits) {
    if (d === UNKNOWN) break;
    out += String(d);
  }
  return out;
}

/** Allocated 3-digit prefixes such as 130-139, 145, 147, for telling a user what exists. */
function allocatedPrefixes(index: SegmentIndex): string[] {
  const automaton = index.numberingPlan.automaton;
  const out: string[] = [];
  for (let p = 100; p <= 199; p++) if (automaton.walk(String(p)) !== DEAD) out.push(String(p));
  return out;
}
