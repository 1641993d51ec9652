import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { StopAt } from '../../schema/generated/graphql.ts';
import { RESULT_FORMATS } from './batch/batch-results.ts';
import { EXIT } from './exit-codes.ts';
import { serviceFlags } from './service-options.ts';
import { TRANSPORTS } from './targets/remote.ts';

export interface MatchOptions {
  prefix?: string;
  suffix?: string;
  city?: string;
  province?: string;
  address?: string;
  stopAt: StopAt;
  server?: string;
  transport: (typeof TRANSPORTS)[number];
  json?: boolean;
  /** `--progress` / `--no-progress`; unset: bars only where they cannot mix with piped output. */
  progress?: boolean;
  batch?: string;
  output?: string;
  format?: (typeof RESULT_FORMATS)[number];
  /** The in-process service's flags, by attribute name (see service-options.ts). */
  [serviceFlag: string]: unknown;
}

export type MatchAction = (mask: string | undefined, options: MatchOptions) => Promise<void>;

const STOP_AT_WORDS: Record<string, StopAt> = { 'first-match': 'FIRST_MATCH', tier: 'TIER', all: 'ALL' };

function parseStopAt(value: string): StopAt {
  const stopAt = STOP_AT_WORDS[value.toLowerCase().replace(/_/g, '-')];
  if (!stopAt) throw new InvalidArgumentError('expected first-match, tier or all.');
  return stopAt;
}

const EXIT_HELP = `
Exit codes:
  ${EXIT.MATCHED}  matched
  ${EXIT.NOT_FOUND}  not found: every candidate was checked, none has orders
  ${EXIT.BAD_INPUT}  bad input (the API's field, reason and suggestions are printed), bad arguments,
     bad batch file or bad configuration
  ${EXIT.INCOMPLETE}  incomplete, timed out or cancelled (Ctrl-C): some candidates were not checked
  ${EXIT.FAILED}  the search could not run (service unreachable, API key refused, quota)
  A batch exits with the highest code of its rows.
  Under npx (or npm exec, npm run), npm answers a Ctrl-C with its own 130; run the command directly
  to get 3: node_modules/.bin/phonematch match … (or node bin/phonematch.js match … in a clone).

Examples:
  phonematch match '138****1234' --city 杭州
  phonematch match 13805711234                                    # a complete number: checks it alone
  phonematch match --prefix 138 --suffix 1234 --province 浙江 --stop-at all
  phonematch match 138xxxx1234 --server http://127.0.0.1:4000     # key from PHONEMATCH_API_KEY
  phonematch match 138xxxx1234 | jq -c 'select(.__typename == "MatchFound")'
                                                                  # piped: JSON lines, no bars
  phonematch match 138xxxx1234 --progress 2>/dev/tty | jq .       # piped, with bars on the terminal
  phonematch match --batch numbers.csv --output results.csv
  NO_COLOR=1 phonematch match 138xxxx1234                         # no colours (see no-color.org)

Without ORDERS_URL (and without --server) the answers come from the bundled simulator's made-up
orders, and the command says so on stderr.
`;

/** The package's version, as --version prints it. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The command line's grammar (commander): one `match` command, searching once or a whole batch file. */
export function buildProgram(action: MatchAction): Command {
  const program = new Command('phonematch')
    .description('Find the full mobile number behind a partial one, checked against the order service.')
    .version(`phonematch ${packageVersion()}`, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const match = program
    .command('match')
    .summary('search for the number with orders behind a partial number')
    .description(
      'Search for the number with orders behind a partial number, tier by tier (city, rest of the province, ' +
        'rest of the country, unlocated). Runs in this process with the server’s configuration, or on a ' +
        'running service with --server. On a terminal it shows a progress bar per tier and the result; ' +
        'piped, it writes the events as JSON lines (the MatchPhoneEvents subscription’s shape).',
    )
    .argument('[mask]', "the number with unknown digits as *, x or ?, e.g. '138****1234' (quote it: * is a shell glob)")
    .exitOverride()
    .optionsGroup('Search:')
    .option('--prefix <digits>', 'known leading digits (instead of a mask)')
    .option('--suffix <digits>', 'known trailing digits (instead of a mask)')
    .option('--city <name>', 'the customer’s city, district or county (杭州, 义乌, 浦东新区, Yiwu)')
    .option('--province <name>', 'the customer’s province (浙江, 浙江省, Zhejiang)')
    .option('--address <text>', 'the customer’s address as on the order; province and city are read from it')
    .addOption(
      new Option('--stop-at <when>', 'first-match, tier (finish the first match’s tier) or all')
        .argParser(parseStopAt)
        .default('FIRST_MATCH', 'first-match'),
    )
    .optionsGroup('Where it runs (default: in this process):')
    .addOption(
      new Option(
        '--server <url>',
        'a running phonematch service (its base or /graphql URL); key from PHONEMATCH_API_KEY',
      ).env('PHONEMATCH_SERVER'),
    )
    .addOption(new Option('--transport <name>', 'with --server: graphql-ws or SSE').choices(TRANSPORTS).default('ws'))
    .optionsGroup('Output:')
    .option('--json', 'write the events as JSON lines on stdout (the default when stdout is not a terminal)')
    .option('--progress', 'progress bars on stderr even when stdout is piped (default: only when both are terminals)')
    .option('--no-progress', 'no progress bars')
    .optionsGroup('Batch:')
    .option(
      '--batch <file.csv>',
      'resolve every row of a CSV file (columns mask, or prefix/suffix; city; province; address)',
    )
    .option('--output <file>', 'with --batch: write the results here (default: stdout)')
    .addOption(
      new Option(
        '--format <format>',
        'with --batch: results as csv or json (default: from --output’s extension, else csv)',
      ).choices(RESULT_FORMATS),
    );
  for (const { option } of serviceFlags()) match.addOption(option);
  match
    .addHelpText('after', EXIT_HELP)
    .action((mask: string | undefined, options: MatchOptions) => action(mask, options));
  return program;
}
