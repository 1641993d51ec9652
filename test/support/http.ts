import WebSocket from 'ws';

export interface PostedResponse<D = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: {
    data?: D | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  text: string;
}

/**
 * POSTs a GraphQL body (an object, or a raw string) with extra headers; status, headers and body,
 * parsed if JSON (`D`: what the test expects in `data`). The one way tests POST to the service.
 */
export async function post<D = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<PostedResponse<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const text = await response.text();
  let json: PostedResponse<D>['json'] = {};
  try {
    json = JSON.parse(text) as PostedResponse<D>['json'];
  } catch {
    // not JSON: the test reads `text`
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** The HTTP status of a bare WebSocket upgrade (101 when it is accepted). */
export function upgradeStatus(graphqlUrl: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}
