import type { ApiError } from '../match-event.ts';

/** The API's refusal for a person: every problem with its field, reason, what is accepted and suggestions. */
export function badInputText(errors: readonly ApiError[]): string {
  const lines: string[] = [];
  for (const error of errors) {
    const ext = error.extensions ?? {};
    const violations = ext.violations?.length
      ? ext.violations
      : [
          {
            field: ext.field ?? 'input',
            reason: ext.reason ?? String(ext.code ?? 'BAD_USER_INPUT'),
            message: error.message,
            accepted: ext.accepted ?? '',
            suggestions: ext.suggestions ?? [],
          },
        ];
    for (const v of violations) {
      lines.push(`  ${v.field}: ${v.message} (${v.reason})`);
      if (v.accepted) lines.push(`    accepted: ${v.accepted}`);
      if (v.suggestions.length) lines.push(`    did you mean: ${v.suggestions.join(', ')}`);
    }
  }
  return `phonematch: bad input\n${lines.join('\n')}\n`;
}

/** One line for a batch cell: `city: … (UNKNOWN_CITY); did you mean: 杭州`. */
export function badInputSummary(errors: readonly ApiError[]): {
  field: string;
  reason: string;
  message: string;
  suggestions: readonly string[];
} {
  const ext = errors[0]?.extensions ?? {};
  const first = ext.violations?.[0];
  return {
    field: first?.field ?? ext.field ?? 'input',
    reason: first?.reason ?? ext.reason ?? 'BAD_USER_INPUT',
    message: first?.message ?? errors[0]?.message ?? 'refused',
    suggestions: first?.suggestions ?? ext.suggestions ?? [],
  };
}
