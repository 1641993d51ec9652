import {
  type GraphQLSchema,
  buildSchema as buildSchemaFromSdl,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { Services } from '../../src/schema/context.ts';
import { buildSchema } from '../../src/schema/index.ts';
import { createApp } from '../../src/server/app.ts';

/**
 * Every type, field, argument, input field, enum value and custom directive with its schema coordinate
 * (`Search.state`, `Query.search(id:)`, `Tier.CITY`) and its description. Introspection types and the
 * built-in scalars and directives are GraphQL's own and left out.
 */
function describedElements(schema: GraphQLSchema): Array<[coordinate: string, description: string | null | undefined]> {
  const elements: Array<[string, string | null | undefined]> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    elements.push([type.name, type.description]);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push([`${type.name}.${field.name}`, field.description]);
        for (const arg of field.args) elements.push([`${type.name}.${field.name}(${arg.name}:)`, arg.description]);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        elements.push([`${type.name}.${field.name}`, field.description]);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) elements.push([`${type.name}.${value.name}`, value.description]);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    elements.push([`@${directive.name}`, directive.description]);
    for (const arg of directive.args) elements.push([`@${directive.name}(${arg.name}:)`, arg.description]);
  }
  return elements;
}

/** The coordinates of the elements with no description, or a blank one. */
function missingDescriptions(schema: GraphQLSchema): string[] {
  return describedElements(schema)
    .filter(([, description]) => !description?.trim())
    .map(([coordinate]) => coordinate);
}

/**
 * The schema as the server serves it: buildSchema() handed to Yoga with the production plugin set
 * (API keys, operation limits, persisted operations), so a type a plugin or Yoga added would be walked too.
 */
function servedSchema(): GraphQLSchema {
  const config = loadConfig([], { AUDIT_DB_PATH: 'off' });
  if (config === 'help') throw new Error('unexpected --help');
  const app = createApp({
    // Building the schema never reaches the services.
    services: {} as unknown as Services,
    logger: createLogger({ level: 'silent' }),
    apiKeys: { required: true, keys: new Map() },
    operationLimits: config.operationLimits,
    persistedOperations: 'only',
  });
  return app.yoga.getEnveloped({}).schema;
}

describe('schema descriptions', () => {
  it('every type, field, argument, input field and enum value a client can introspect has one', () => {
    const schema = servedSchema();
    expect(schema).toBe(buildSchema());
    const missing = missingDescriptions(schema);
    expect(missing, `no description (add \`description\` in src/schema/): ${missing.join(', ')}`).toEqual([]);
  });

  it('render as written: GraphiQL reads them as Markdown, so a `*` outside a code span would be emphasis', () => {
    const emphasis = describedElements(servedSchema())
      .filter(([, description]) => /[*]/.test((description ?? '').replace(/`[^`]*`/g, '')))
      .map(([coordinate]) => coordinate);
    expect(emphasis, `put marks like 138****1234 in backticks: ${emphasis.join(', ')}`).toEqual([]);
  });

  it('finds every kind of element without one', () => {
    const schema = buildSchemaFromSdl(`
      directive @tagged(label: String) on FIELD_DEFINITION
      """Described."""
      scalar Described
      scalar Bare
      """Described."""
      interface Node { id: ID! }
      """   """
      type Thing implements Node {
        """Described."""
        id: ID!
        name(
          """Described."""
          locale: String
          style: String
        ): String
      }
      union Result = Thing
      input Filter {
        """Described."""
        near: String
        far: String
      }
      """Described."""
      enum Color {
        """Described."""
        RED
        BLUE
      }
      type Query {
        """Described."""
        thing(filter: Filter, color: Color): Result
      }
    `);
    expect(missingDescriptions(schema).sort()).toEqual(
      [
        '@tagged',
        '@tagged(label:)',
        'Bare',
        'Node.id',
        'Thing',
        'Thing.name',
        'Thing.name(style:)',
        'Result',
        'Filter',
        'Filter.far',
        'Color.BLUE',
        'Query',
        'Query.thing(filter:)',
        'Query.thing(color:)',
      ].sort(),
    );
  });
});
