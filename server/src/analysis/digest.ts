/** A short fingerprint of a text: what caches keep to know a file is unchanged, instead of the whole text. */
import { createHash } from 'node:crypto';

/**
 * SHA-1 of the text's UTF-16 code units, in base64 (28 characters). Collisions are not a concern
 * here: a cache keyed on it can only be fooled by a deliberately crafted file, and then misses a change.
 */
export function digestOf(text: string): string {
  return createHash('sha1').update(text, 'utf16le').digest('base64');
}
