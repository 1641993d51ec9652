/**
 * Which browser origins may use the API (CORS, CSRF and WebSocket upgrades), from ALLOWED_ORIGINS.
 *
 * A browser says where a request comes from: `Origin` on every CORS request, POST and WebSocket, and
 * Fetch Metadata's `Sec-Fetch-Site` on every request of current browsers. A request from this service's
 * own origin or an allowed one needs nothing more (no CSRF header), so standard clients, native
 * `EventSource` and urql's GET queries work as they are. A request that says it comes from elsewhere is
 * refused before it is parsed. A request that says nothing (curl, server-side clients, browsers from
 * before 2023) falls back to the classic rule: a GET or a form-like POST must carry a custom header
 * that a cross-site form or link could not add.
 */

/** ALLOWED_ORIGINS value that lets every origin in (CORS without credentials, WebSocket). */
export const ANY_ORIGIN = '*';

/**
 * Checks and normalises ALLOWED_ORIGINS entries: `*` alone, or origins written as a browser sends
 * them (`scheme://host[:port]`, no path, no trailing slash). A near miss is refused with the value
 * to write instead, since a wrong entry would silently never match.
 */
export function parseAllowedOrigins(entries: readonly string[]): { origins: string[]; problems: string[] } {
  const problems: string[] = [];
  const origins: string[] = [];
  if (entries.includes(ANY_ORIGIN)) {
    if (entries.length > 1)
      problems.push(`"*" allows every origin and cannot be combined with a list; write either * or the origins`);
    return { origins: [ANY_ORIGIN], problems };
  }
  for (const entry of entries) {
    const problem = originProblem(entry);
    if (problem) problems.push(`${JSON.stringify(entry)}: ${problem}`);
    else origins.push(new URL(entry).origin);
  }
  return { origins: [...new Set(origins)], problems };
}

function originProblem(entry: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(entry))
    return `an origin starts with its scheme: write http://${entry.replace(/^\/*/, '')} or https://…`;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return 'not an origin (expected scheme://host[:port], e.g. https://app.example.com)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'browser origins are http:// or https://';
  if (url.username || url.password) return 'an origin carries no user name or password';
  const rest = entry.slice(entry.indexOf('//') + 2).replace(/^[^/?#]*/, '');
  if (rest === '/') return `a browser's Origin has no trailing slash: write ${url.origin}`;
  if (rest !== '') return `an origin is scheme://host[:port] with no path, query or fragment: write ${url.origin}`;
  if (url.origin !== entry) return `write it as browsers send it: ${url.origin}`;
  return undefined;
}

/** Where a request says it comes from. */
export type Provenance =
  /** The service's own origin (by `Origin`, or `Sec-Fetch-Site: same-origin`/`none`). */
  | { kind: 'same-origin' }
  /** Listed in ALLOWED_ORIGINS (or `*`). */
  | { kind: 'allowed'; origin: string }
  /** A browser request from another origin that is not allowed: refused. */
  | { kind: 'foreign'; origin: string | undefined; reason: string }
  /** Nothing said (not a browser, or an old one): the CSRF header rule applies. */
  | { kind: 'unknown' };

export interface RequestSource {
  origin: string | null | undefined;
  /** The Host header the request was sent to. */
  host: string | null | undefined;
  secFetchSite?: string | null | undefined;
}

export class OriginPolicy {
  readonly anyOrigin: boolean;
  private readonly allowed: ReadonlySet<string>;

  /** `allowed`: origins as parsed by `parseAllowedOrigins` (`['*']` for any). */
  constructor(allowed: readonly string[]) {
    this.anyOrigin = allowed.includes(ANY_ORIGIN);
    this.allowed = new Set(allowed);
  }

  /** The allowed origins as configured, for logs. */
  describe(): string {
    return this.anyOrigin ? ANY_ORIGIN : [...this.allowed].join(', ') || '(none besides its own)';
  }

  provenance({ origin, host, secFetchSite }: RequestSource): Provenance {
    if (origin) {
      // "null" is the opaque origin of sandboxed frames, file:// pages and some redirects: anyone can send it.
      if (origin === 'null')
        return {
          kind: 'foreign',
          origin,
          reason: 'an opaque origin ("null": a sandboxed frame or a file) is not allowed',
        };
      if (host && hostOf(origin) === host.toLowerCase()) return { kind: 'same-origin' };
      if (this.anyOrigin || this.allowed.has(origin)) return { kind: 'allowed', origin };
      return {
        kind: 'foreign',
        origin,
        reason: `origin ${origin} is not allowed: it is not this service's origin and not in ALLOWED_ORIGINS`,
      };
    }
    switch (secFetchSite?.toLowerCase()) {
      case 'same-origin':
      case 'none': // typed into the address bar or opened from a bookmark
        return { kind: 'same-origin' };
      case 'same-site':
      case 'cross-site':
        // A browser sends Origin with every CORS request; one without it from another site is a link,
        // an image, a script or a form: exactly what CSRF prevention is for.
        return {
          kind: 'foreign',
          origin: undefined,
          reason: `a ${secFetchSite.toLowerCase()} request without an Origin header (a link, image, script or form) cannot use the API`,
        };
      default:
        return { kind: 'unknown' };
    }
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
