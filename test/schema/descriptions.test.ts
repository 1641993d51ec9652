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
 * The schema coordinates (`Search.state`, `Query.search(id:)`, `Tier.CITY`) of every type, field,
 * argument, input field, enum value and custom directive that has no description, or a blank one.
 * Introspection types and the built-in scalars and directives are GraphQL's own and left out.
 */
function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check(`@${directive.name}`, directive.description);
    for (const arg of directive.args) check(`@${directive.name}(${arg.name}:)`, arg.description);
  }
  return missing;
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
