import { styleText } from 'node:util';
import type { MatchStatus } from '../../../schema/generated/graphql.ts';

/** The stream's own answer: a terminal with colours, unless NO_COLOR (or FORCE_COLOR) says otherwise. */
export function hasColours(stream: NodeJS.WritableStream): boolean {
  const tty = stream as NodeJS.WritableStream & { isTTY?: boolean; hasColors?: () => boolean };
  // Node's hasColors() reads NO_COLOR, FORCE_COLOR and TERM (https://no-color.org).
  return tty.isTTY === true && tty.hasColors?.() === true;
}

type Style = Parameters<typeof styleText>[0];
const STATUS_STYLE: Record<MatchStatus, Style> = {
  MATCHED: ['bold', 'green'],
  NOT_FOUND: 'bold',
  INCOMPLETE: ['bold', 'yellow'],
  TIMED_OUT: ['bold', 'yellow'],
  CANCELLED: ['bold', 'yellow'],
};

/** Colours for a person at a terminal; every function returns the text unchanged without them. */
export interface Paint {
  status(status: MatchStatus, text: string): string;
  match(text: string): string;
  dim(text: string): string;
}

export function paintFor(colours: boolean): Paint {
  const paint = (style: Style, text: string) => (colours ? styleText(style, text, { validateStream: false }) : text);
  return {
    status: (status, text) => paint(STATUS_STYLE[status], text),
    match: (text) => paint('green', text),
    dim: (text) => paint('dim', text),
  };
}

/**
 * Whether to draw progress bars on stderr: asked for (`--progress`) or refused (`--no-progress`), else
 * only when both stderr and the results' stream are terminals, so bars never land between the lines a
 * pipe reader (`| jq`) prints on the same screen.
 */
export function drawBars(
  asked: boolean | undefined,
  stderr: { isTTY?: boolean },
  results: { isTTY?: boolean } | 'file',
): boolean {
  if (asked !== undefined) return asked;
  return stderr.isTTY === true && (results === 'file' || results.isTTY === true);
}
