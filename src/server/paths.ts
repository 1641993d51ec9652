/** Where the API answers (HTTP, SSE and the graphql-ws upgrade); a module of its own so clients can import it cheaply. */
export const GRAPHQL_PATH = '/graphql';
