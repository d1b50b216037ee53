/**
 * Personal data at rest: each value (ID number, phone, bank account, address) is encrypted with
 * AES-256-GCM under a key derived from the portal secret, and can be looked up by a keyed hash
 * (HMAC-SHA-256 over the normalised value) without ever storing the plain value. Keys for the two
 * purposes are derived separately (HKDF), so a leaked lookup hash says nothing about the cipher key.
 *
 * Stored form: "v1.<iv>.<tag>.<ciphertext>", base64url; the version leaves room for key rotation.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

export interface FieldCrypto {
  encrypt(plain: string, context: string): string;
  decrypt(stored: string, context: string): string;
  /** A stable keyed hash for equality lookups (e.g. "is this ID number already booked?"). */
  lookupHash(value: string, context: string): string;
}

export class FieldDecryptionError extends Error {
  override name = 'FieldDecryptionError';
}

/**
 * A key for one purpose, derived from the portal secret (HKDF-SHA-256): every key the portal uses
 * (fields, lookups, the audit chain, files) comes from here, each purpose its own. As a KeyObject:
 * Node imports a Buffer key anew on every call, which made each HMAC six times (and each AES-GCM
 * three times) slower.
 */
export function deriveKey(secret: Buffer, purpose: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `civil-affairs-portal/${purpose}`, 32)));
}

export function createFieldCrypto(secret: Buffer): FieldCrypto {
  const encryptionKey = deriveKey(secret, 'field-encryption/v1');
  const lookupKey = deriveKey(secret, 'field-lookup/v1');
  return {
    encrypt(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      // The context (table.column) is authenticated: a value copied into another column fails to decrypt.
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(stored, context) {
      const [version, iv, tag, ciphertext] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new FieldDecryptionError('not an encrypted field');
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldDecryptionError('the field does not decrypt with this key and context');
      }
    },
    lookupHash(value, context) {
      return createHmac('sha256', lookupKey).update(context).update('\0').update(value).digest('base64url');
    },
  };
}

/** 138****5678 */
export function maskPhone(value: string): string {
  return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(7)}` : '*'.repeat(value.length);
}
