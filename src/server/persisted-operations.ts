import { existsSync, readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';

/**
 * The trusted documents codegen writes (`npm run codegen`): sha256 of each operation -> its text. A build
 * (`npm run build`) copies them beside the compiled code; from the sources they are read where committed.
 */
export const PERSISTED_DOCUMENTS_URL =
  [
    new URL('../persisted-documents.json', import.meta.url),
    new URL('../../schema/generated/persisted-documents.json', import.meta.url),
  ].find((url) => existsSync(url)) ?? new URL('../../schema/generated/persisted-documents.json', import.meta.url);

/**
 * `allow`: a request may carry a document or only its id (`documentId`, or Apollo's
 * `extensions.persistedQuery.sha256Hash`). `only`: nothing but ids of the committed operations run,
 * as a public frontend wants (no arbitrary documents, no introspection).
 */
export type PersistedOperationsMode = 'allow' | 'only';

export const PERSISTED_OPERATION_NOT_FOUND = 'PERSISTED_OPERATION_NOT_FOUND';
export const PERSISTED_OPERATIONS_ONLY = 'PERSISTED_OPERATIONS_ONLY';
export const DOCUMENT_REQUIRED = 'DOCUMENT_REQUIRED';

/** The parameters an operation's id can travel in (HTTP body or query string, graphql-ws payload). */
interface OperationParams {
  query?: string | null | undefined;
  documentId?: unknown;
  extensions?: Record<string, unknown> | null | undefined;
}

/** The committed operations by id, and the rule for requests that carry a document of their own. */
export class PersistedOperations {
  private readonly documents: ReadonlyMap<string, string>;

  constructor(
    readonly mode: PersistedOperationsMode,
    documents: Record<string, string> = loadPersistedDocuments(),
  ) {
    this.documents = new Map(Object.entries(documents));
  }

  /** The id a request names, if any. */
  idOf(params: OperationParams): string | undefined {
    if (typeof params.documentId === 'string' && params.documentId) return params.documentId;
    const persisted = params.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
    return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
  }

  /**
   * The document text a request runs, or the refusal. Used by graphql-ws, which Yoga's request
   * pipeline (and so the Yoga plugin below) does not see.
   */
  resolve(params: OperationParams): string {
    const id = this.idOf(params);
    if (params.query) {
      if (this.mode === 'only') throw onlyPersisted();
      return params.query;
    }
    if (id === undefined) throw documentRequired(this.mode);
    const document = this.documents.get(id);
    if (document === undefined) throw notFound(id);
    return document;
  }

  /** For Yoga (HTTP and SSE): the id is looked up before parsing; `documentId` is accepted as a parameter. */
  plugin(): Plugin {
    return usePersistedOperations({
      allowArbitraryOperations: this.mode === 'allow',
      extractPersistedOperationId: (params, request) =>
        this.idOf(params as GraphQLParams & { documentId?: unknown }) ??
        // Yoga's GET parser keeps only the standard parameters.
        (request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null),
      getPersistedOperation: (id) => this.documents.get(id) ?? null,
      customErrors: {
        notFound: (payload) =>
          notFound(
            this.idOf(payload.params as OperationParams) ??
              new URL(payload.request.url).searchParams.get('documentId') ??
              '',
          ),
        persistedQueryOnly: () => onlyPersisted(),
        keyNotFound: () => documentRequired(this.mode),
      },
    });
  }
}

export function loadPersistedDocuments(): Record<string, string> {
  return JSON.parse(readFileSync(PERSISTED_DOCUMENTS_URL, 'utf8')) as Record<string, string>;
}

function notFound(id: string) {
  return createGraphQLError(
    `Unknown persisted operation ${JSON.stringify(id.slice(0, 80))}: documentId must be the sha256 of one of the operations in schema/generated/persisted-documents.json (regenerate your client against this version)`,
    { extensions: { code: PERSISTED_OPERATION_NOT_FOUND, http: { status: 400 } } },
  );
}

function onlyPersisted() {
  return createGraphQLError(
    "This service runs persisted operations only (PERSISTED_OPERATIONS=only): send the operation's documentId (its sha256 from schema/generated/persisted-documents.json) instead of a query",
    { extensions: { code: PERSISTED_OPERATIONS_ONLY, http: { status: 403 } } },
  );
}

function documentRequired(mode: PersistedOperationsMode) {
  return createGraphQLError(
    mode === 'only'
      ? "Send the operation's documentId (its sha256 from schema/generated/persisted-documents.json)"
      : 'Send a query, or the documentId of a persisted operation',
    { extensions: { code: DOCUMENT_REQUIRED, http: { status: 400 } } },
  );
}
