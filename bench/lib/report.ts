import type { Summary } from './stats.ts';

/** One line of the results table. */
export interface Row {
  readonly scenario: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: Summary;
  /** The target as written, e.g. '>= 90% of raw loop'. */
  readonly target?: string;
  /** The figure that the target is judged on, as printed in the "vs reference" column. */
  readonly vs?: { readonly label: string; readonly value: Summary; readonly unit: string };
  readonly pass?: boolean;
  readonly note?: string;
}

export interface ScenarioResult {
  readonly rows: Row[];
  /** Free-form lines (explanations, per-run details) for results.md. */
  readonly notes?: string[];
}
