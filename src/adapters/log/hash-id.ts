import { createHmac } from 'node:crypto';

/**
 * Returns a function that turns a LINE id into a short keyed hash. Keyed, so a leaked log or store cannot be
 * matched against known user ids without the key.
 */
export function createIdHasher(key: string): (id: string) => string {
  return (id) => createHmac('sha256', key).update(id).digest('base64url').slice(0, 22);
}
