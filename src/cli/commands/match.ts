import { EXIT, type ExitCode, exitCodeOf } from '../exit-codes.ts';
import type { MatchPhoneInput } from '../match-event.ts';
import { badInputText } from '../render/bad-input-text.ts';
import { resultText } from '../render/result-text.ts';
import type { Paint } from '../render/terminal-style.ts';
import { TierBars } from '../render/tier-bars.ts';
import type { SearchTarget } from '../targets/search-target.ts';
import { initialSearchProgress, reduceSearchProgress } from '../../../client/search-progress.ts';

export interface OutputStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Bars per tier on stderr (a terminal). */
  readonly progress: boolean;
  /** Every event as a JSON line on stdout (piped), instead of the result as text. */
  readonly json: boolean;
  /** Colours of the result's text (none off a terminal or with NO_COLOR). */
  readonly paint?: Paint;
}

/** One search: bars while it runs and the result as text, or its events as JSON lines; the exit code says how it ended. */
export async function matchCommand(
  target: SearchTarget,
  input: MatchPhoneInput,
  out: OutputStreams,
  signal: AbortSignal,
): Promise<ExitCode> {
  let progress = initialSearchProgress;
  const bars = out.progress ? new TierBars(out.stderr) : undefined;
  const outcome = await (async () => {
    try {
      return await target.search(input, {
        signal,
        onEvent: (event) => {
          progress = reduceSearchProgress(progress, event);
          bars?.update(progress, event);
          if (out.json) out.stdout.write(`${JSON.stringify(event)}\n`);
        },
      });
    } finally {
      bars?.stop();
    }
  })();

  switch (outcome.kind) {
    case 'finished':
      if (!out.json) out.stdout.write(resultText(outcome.result, progress, out.paint));
      return exitCodeOf(outcome.result.status);
    case 'bad-input':
      // As the API answered it: the field at fault, the reason, what is accepted, suggestions.
      if (out.json) out.stdout.write(`${JSON.stringify({ errors: outcome.errors })}\n`);
      out.stderr.write(badInputText(outcome.errors));
      return EXIT.BAD_INPUT;
    case 'cancelled':
      out.stderr.write('phonematch: cancelled; the service stopped the search\n');
      return EXIT.INCOMPLETE;
    case 'failed':
      out.stderr.write(`phonematch: the search could not run: ${outcome.message}\n`);
      return EXIT.FAILED;
  }
}
