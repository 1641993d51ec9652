/**
 * Trusted documents: every typed document carries the sha256 of its text (`__meta__.hash`), and the
 * service knows the same ids (schema/generated/persisted-documents.json). A public frontend sends the
 * id instead of the text; with PERSISTED_OPERATIONS=only the service accepts nothing else.
 */

/** The id the service knows a typed document by. */
export function documentIdOf(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: unknown } } | null)?.__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('not a generated document: it carries no __meta__.hash');
  return hash;
}

/**
 * The body of a persisted request, over HTTP (POST as JSON) or as a graphql-ws subscribe payload
 * (graphql-ws requires `query`, so it is sent empty).
 */
export function persistedRequest<V>(document: unknown, variables?: V) {
  return { query: '', documentId: documentIdOf(document), ...(variables === undefined ? {} : { variables }) };
}
