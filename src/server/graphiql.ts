import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  type GraphQLSchema,
  type ValueNode,
  astFromValue,
  isInputType,
  parse,
  print,
  typeFromAST,
  visit,
} from 'graphql';
import type { GraphiQLOptions } from 'graphql-yoga';
import { OPERATIONS_DIR } from '../schema/operation-files.ts';
import { compress } from './compression.ts';

export interface GraphiQLExamples {
  /** Variables for the match examples, e.g. a number the embedded simulator has orders for. */
  matchInput: Record<string, unknown>;
  lookupNumber: string;
  /**
   * Variables for the streaming example (`matchInput` when absent): against the bundled simulator a
   * search over every tier, so its progress visibly streams instead of ending within a few checks.
   */
  eventsInput?: Record<string, unknown>;
  /** Production: the headers editor opens with the `Authorization` line to complete. */
  keyRequired?: boolean;
}

/**
 * A committed example operation with its variables written into it as literals. GraphiQL ignores the
 * variables of `defaultTabs` (seen in headless Chromium), so a tab that relied on them would fail
 * with "Variable $input was not provided" on its first run.
 */
export function exampleOperation(schema: GraphQLSchema, name: string, variables: Record<string, unknown> = {}): string {
  const text = readFileSync(join(OPERATIONS_DIR, `${name}.graphql`), 'utf8');
  const comments = text.split('\n').filter((line) => line.startsWith('#'));
  const literals = new Map<string, ValueNode>();
  const inlined = visit(parse(text), {
    VariableDefinition(definition) {
      const type = typeFromAST(schema, definition.type);
      const literal = type && isInputType(type) ? astFromValue(variables[definition.variable.name.value], type) : null;
      if (!literal) throw new Error(`example ${name} needs a value for $${definition.variable.name.value}`);
      literals.set(definition.variable.name.value, literal);
      return null;
    },
  });
  const body = visit(inlined, { Variable: (variable) => literals.get(variable.name.value) ?? variable });
  return [...comments, print(body).replace(/^(query|subscription) (\w+)\(\) \{/m, '$1 $2 {')].join('\n') + '\n';
}

/** GraphiQL opened on the committed example operations, filled in with inputs that work right away. */
export function graphiqlOptions(schema: GraphQLSchema, examples: GraphiQLExamples): GraphiQLOptions {
  const input = { input: examples.matchInput };
  return {
    title: 'phonematch',
    // Subscriptions over SSE (fetch): they carry the headers editor's Authorization like every query.
    // GraphiQL's graphql-ws client sends no connection params, so in production its sockets were refused.
    subscriptionsProtocol: 'SSE',
    ...(examples.keyRequired ? { headers: JSON.stringify({ authorization: 'Bearer <your API key>' }, null, 2) } : {}),
    defaultTabs: [
      { query: exampleOperation(schema, 'MatchPhone', input) },
      { query: exampleOperation(schema, 'MatchPhoneEvents', { input: examples.eventsInput ?? examples.matchInput }) },
      { query: exampleOperation(schema, 'CandidatePlan', input) },
      { query: exampleOperation(schema, 'PhoneLocation', { number: examples.lookupNumber }) },
      { query: exampleOperation(schema, 'Regions') },
    ],
  };
}

/** Where GraphiQL's files are served, each under a name that is its content's hash. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql-assets/';

export interface GraphiQLAsset {
  readonly contentType: string;
  readonly body: Buffer;
  /** Compressed once, served many times. */
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/**
 * GraphiQL's library and stylesheet as files of their own. The package renders one 9 MB page with
 * everything inline (the machines have no internet for a CDN), sent whole on every visit; split out
 * and named by content hash, they are cached by browsers for good (a new GraphiQL has new names) and
 * sent compressed, leaving a small page that carries the options.
 */
export class GraphiQLAssets {
  readonly files = new Map<string, GraphiQLAsset>();

  /** The page with its inline stylesheet and library script replaced by links to files. */
  split(html: string): string {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html);
    let page = html;
    if (style) page = page.replace(style[0], () => `<link rel="stylesheet" href="${this.add(style[1]!, 'css')}" />`);
    // The script is the library, then the call that renders GraphiQL with this page's options.
    const script = /<script>([\s\S]*?)(\n\s*YogaGraphiQL\.renderYogaGraphiQL\([\s\S]*?)<\/script>/.exec(page);
    if (script)
      page = page.replace(
        script[0],
        () => `<script src="${this.add(script[1]!, 'js')}"></script>\n<script>${script[2]}</script>`,
      );
    return page;
  }

  private add(text: string, kind: 'js' | 'css'): string {
    const body = Buffer.from(text, 'utf8');
    const name = `${createHash('sha256').update(body).digest('hex').slice(0, 20)}.${kind}`;
    if (!this.files.has(name))
      this.files.set(name, {
        contentType: kind === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
        body,
        br: compress(body, 'br', true),
        gzip: compress(body, 'gzip', true),
      });
    return `${GRAPHIQL_ASSETS_PATH}${name}`;
  }
}

/** GraphiQL's page, rendered once per set of options, its big parts moved into `assets`. */
export function offlineGraphiQL(assets: GraphiQLAssets): (options?: GraphiQLOptions) => string {
  const rendered = new Map<string, string>();
  return (options) => {
    const key = JSON.stringify(options ?? {});
    let html = rendered.get(key);
    if (html === undefined) {
      html = assets.split(renderGraphiQL(options));
      rendered.set(key, html);
    }
    return html;
  };
}
