import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

/**
 * The encoding to answer in, from a request's Accept-Encoding (`gzip, deflate, br;q=0.9`): brotli when
 * accepted (smaller), else gzip; none when neither is, or both are refused with q=0.
 */
export function acceptedEncoding(header: string | null): ContentEncoding | undefined {
  if (!header) return undefined;
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (q === undefined || Number(q) > 0) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

/** Compresses a whole body. `best`: for bodies compressed once and served many times (GraphiQL's assets). */
export function compress(body: Uint8Array, encoding: ContentEncoding, best = false): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: best ? 9 : 6 });
  return brotliCompressSync(body, {
    params: {
      // Quality 9 and up took minutes on GraphiQL's 8 MB on a loaded machine; 5 is quick and within ~15% of it.
      [constants.BROTLI_PARAM_QUALITY]: best ? 5 : 4,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}
