import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the example operations under schema/operations, generated from the committed
 * schema. Tests (and frontends) import them, so a schema change that breaks an operation fails the
 * type check. Run `npm run codegen` after changing the schema or an operation.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/*.graphql'],
  generates: {
    'schema/generated/': {
      preset: 'client',
      // persisted-documents.json maps each operation's sha256 to its text: the service's list of trusted
      // documents (PERSISTED_OPERATIONS), and each typed document carries its hash (`__meta__.hash`).
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      // ESM with NodeNext resolution needs extensions on relative imports.
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: false, emitLegacyCommonJSImports: false },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
