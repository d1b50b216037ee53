import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldDecryptionError, createFieldCrypto, maskPhone } from '../../api/platform/field-crypto.ts';

const crypto = createFieldCrypto(randomBytes(32));

describe('personal data at rest', () => {
  it('is encrypted, differently each time, and decrypts to the original', () => {
    const first = crypto.encrypt('110101194001011234', 'cases.id_number');
    const second = crypto.encrypt('110101194001011234', 'cases.id_number');
    expect(first).not.toContain('110101194001011234');
    expect(first).not.toBe(second);
    expect(crypto.decrypt(first, 'cases.id_number')).toBe('110101194001011234');
  });

  it('does not decrypt in another column or under another secret', () => {
    const stored = crypto.encrypt('13800138000', 'cases.phone');
    expect(() => crypto.decrypt(stored, 'cases.id_number')).toThrow(FieldDecryptionError);
    expect(() => createFieldCrypto(randomBytes(32)).decrypt(stored, 'cases.phone')).toThrow(FieldDecryptionError);
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA');
    expect(() => crypto.decrypt(tampered, 'cases.phone')).toThrow(FieldDecryptionError);
  });

  it('can be found by a keyed hash that is stable, per column, and not the value', () => {
    const hash = crypto.lookupHash('110101194001011234', 'person.id_number');
    expect(crypto.lookupHash('110101194001011234', 'person.id_number')).toBe(hash);
    expect(crypto.lookupHash('110101194001011234', 'cases.phone')).not.toBe(hash);
    expect(hash).not.toContain('1101011940');
  });

  it('shows phones masked', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
