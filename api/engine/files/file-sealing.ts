/**
 * Files hold personal data (ID cards, proofs of income, medical bills): what reaches a store is
 * encrypted, and its address reveals nothing (docs/decisions/026).
 *
 * - The address is an HMAC-SHA-256 of the plaintext under a key derived from the portal secret: the
 *   same document uploaded twice is stored once, but whoever reads the store or the database (a
 *   backup, a disk) cannot tell that two people sent the same document, nor test a guess of one,
 *   as a plain SHA-256 would let them.
 * - The content is AES-256-GCM under another derived key (HKDF, as field-crypto does, with purposes
 *   of its own), with a random IV and the address as additional data: content copied to another
 *   address does not open.
 *
 * Sealed form: "CAPF" 0x01, IV (12 bytes), tag (16 bytes), ciphertext. The version byte leaves room
 * for key rotation.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { deriveKey } from '../../platform/field-crypto.ts';

const MAGIC = Buffer.from('CAPF\u0001', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FileSealer {
  /** The content's address: a keyed hash of the plaintext, 64 hex digits. */
  addressOf(plain: Uint8Array): string;
  seal(plain: Uint8Array, address: string): Buffer;
  /** The plaintext; throws FileUnsealError when the content was changed, moved or sealed with another key. */
  open(sealed: Buffer, address: string): Buffer;
}

export class FileUnsealError extends Error {
  override name = 'FileUnsealError';
}

export function createFileSealer(secret: Buffer): FileSealer {
  const encryptionKey = deriveKey(secret, 'file-encryption/v1');
  const addressKey = deriveKey(secret, 'file-address/v1');
  return {
    addressOf(plain) {
      return createHmac('sha256', addressKey).update(plain).digest('hex');
    },
    seal(plain, address) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(address, 'latin1'));
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), ciphertext]);
    },
    open(sealed, address) {
      if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new FileUnsealError('not a sealed file');
      const ivAt = MAGIC.length;
      const tagAt = ivAt + IV_BYTES;
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(ivAt, tagAt));
        decipher.setAAD(Buffer.from(address, 'latin1'));
        decipher.setAuthTag(sealed.subarray(tagAt, tagAt + TAG_BYTES));
        return Buffer.concat([decipher.update(sealed.subarray(tagAt + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new FileUnsealError('the file does not open with this key and address');
      }
    },
  };
}
