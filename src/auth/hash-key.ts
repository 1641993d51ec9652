import { randomBytes } from 'node:crypto';
import { hashApiKey } from './api-keys.ts';

/**
 * Prints the API_KEYS entry for a key: `npm run hash-key -- <id> [key]`. Without a key, a new random
 * one is generated and printed once (give it to the client; only the hash goes in the configuration).
 */
function main(argv: string[]): void {
  const [id, given] = argv;
  if (!id || id === '-h' || id === '--help' || !/^[A-Za-z0-9_.-]+$/.test(id)) {
    process.stderr.write(
      'usage: npm run hash-key -- <key-id> [key]\n  key-id: letters, digits, _ . -\n  without a key a random one is generated\n',
    );
    process.exit(id ? 2 : 1);
  }
  const key = given ?? randomBytes(24).toString('base64url');
  if (!given) process.stderr.write(`new key for ${id} (shown once; give it to the client):\n  ${key}\n`);
  process.stdout.write(`${id}:${hashApiKey(key)}\n`);
}

main(process.argv.slice(2));
