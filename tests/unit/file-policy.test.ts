/**
 * The file engine's pure parts (docs/decisions/026): the type read from the bytes, never the name;
 * the limits and a service's overrides; every refusal's message in both languages; the sealing of
 * contents and their keyed addresses; the download's Content-Disposition.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFileSealer, FileUnsealError } from '../../api/engine/files/file-sealing.ts';
import { contentDisposition, fileHeaders } from '../../api/engine/files/serving.ts';
import {
  checkOwnerRoom,
  checkUpload,
  DEFAULT_FILE_LIMITS,
  FILE_REFUSAL_CODES,
  limitsFor,
  refusalMessage,
  sniffKind,
  storedName,
  type FileRefusal,
} from '../../api/engine/files/upload-policy.ts';
import { translator } from '../../api/i18n/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));
const MB = 1024 * 1024;

describe('the type of an upload', () => {
  it.each([
    ['income-proof.pdf', 'pdf'],
    ['photo-with-gps.jpg', 'jpeg'],
    ['scan.png', 'png'],
    ['phone-photo.heic', 'heic'],
  ] as const)('%s is read from its bytes as %s', (name, kind) => {
    expect(sniffKind(fixture(name))).toBe(kind);
    expect(checkUpload(fixture(name), DEFAULT_FILE_LIMITS)).toEqual({ ok: true, kind });
  });

  it('is the content’s, not the name’s: a PNG named .pdf is a PNG, refused where only a PDF will do', () => {
    expect(sniffKind(fixture('png-named.pdf'))).toBe('png');
    expect(checkUpload(fixture('png-named.pdf'), limitsFor({ accept: ['pdf'] }))).toEqual({ ok: false, refusal: { code: 'wrong-type', accept: ['pdf'] } });
  });

  it('refuses a script named .jpg, HTML, an AVIF (which shares HEIF’s container) and random bytes', () => {
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypavif\0\0\0\0mif1miafavif', 'latin1')]);
    for (const bytes of [fixture('script-named.jpg'), Buffer.from('<!doctype html><script>alert(1)</script>'), avif, randomBytes(64)]) {
      expect(sniffKind(bytes)).toBeUndefined();
      expect(checkUpload(bytes, DEFAULT_FILE_LIMITS)).toMatchObject({ ok: false, refusal: { code: 'wrong-type' } });
    }
  });

  it('refuses an empty file and one over the field’s size, before reading its type', () => {
    expect(checkUpload(Buffer.alloc(0), DEFAULT_FILE_LIMITS)).toEqual({ ok: false, refusal: { code: 'empty' } });
    const big = Buffer.concat([fixture('income-proof.pdf'), Buffer.alloc(2 * MB)]);
    expect(checkUpload(big, limitsFor({ maxFileBytes: 2 * MB }))).toEqual({ ok: false, refusal: { code: 'too-big', maxFileBytes: 2 * MB } });
    expect(checkUpload(big, DEFAULT_FILE_LIMITS)).toEqual({ ok: true, kind: 'pdf' });
  });
});

describe('an owner’s limits', () => {
  it('are 10 MB a file and 20 files or 50 MB an owner unless the service says otherwise', () => {
    expect(DEFAULT_FILE_LIMITS).toEqual({ accept: ['pdf', 'jpeg', 'png', 'heic'], maxFileBytes: 10 * MB, maxFiles: 20, maxTotalBytes: 50 * MB });
    expect(limitsFor({ maxFiles: 3 })).toEqual({ ...DEFAULT_FILE_LIMITS, maxFiles: 3 });
    expect(() => limitsFor({ maxFiles: 0 })).toThrow();
    expect(() => limitsFor({ accept: [] })).toThrow();
  });

  it.each([
    [{ files: 19, bytes: 0 }, 1, undefined],
    [{ files: 20, bytes: 0 }, 1, { code: 'too-many', maxFiles: 20 }],
    [{ files: 3, bytes: 50 * MB - 10 }, 10, undefined],
    [{ files: 3, bytes: 50 * MB - 10 }, 11, { code: 'owner-full', maxTotalBytes: 50 * MB, usedBytes: 50 * MB - 10 }],
  ])('holding %o, a file of %i bytes: %o', (usage, size, refusal) => {
    expect(checkOwnerRoom(usage, size, DEFAULT_FILE_LIMITS)).toEqual(refusal);
  });
});

describe('each refusal', () => {
  const refusals: FileRefusal[] = [
    { code: 'empty' },
    { code: 'wrong-type', accept: ['pdf', 'jpeg'] },
    { code: 'too-big', maxFileBytes: 10 * MB },
    { code: 'too-many', maxFiles: 20 },
    { code: 'owner-full', maxTotalBytes: 50 * MB, usedBytes: 45.5 * MB },
    { code: 'unreadable' },
    { code: 'infected' },
    { code: 'scan-failed' },
  ];

  it('is tested here, every one of them', () => {
    expect(refusals.map((refusal) => refusal.code).sort()).toEqual([...FILE_REFUSAL_CODES].sort());
  });

  it.each(['zh-CN', 'en'] as const)('has a message in %s that names the field, fills every figure and differs from the others', (lang) => {
    const t = translator(lang);
    const field = lang === 'en' ? 'Proof of income' : '收入证明';
    const messages = refusals.map((refusal) => {
      const { key, params } = refusalMessage(refusal, field);
      const message = t(key, params);
      expect(message, key).not.toBe(key);
      expect(message, key).toContain(field);
      expect(message, key).not.toMatch(/\{\{|\}\}/);
      return message;
    });
    expect(new Set(messages).size).toBe(refusals.length);
    expect(t(...spread(refusalMessage(refusals[1]!, field)))).toContain('PDF/JPG');
    expect(t(...spread(refusalMessage(refusals[4]!, field)))).toMatch(/50 MB.*4\.5 MB/);
  });
});

const spread = ({ key, params }: ReturnType<typeof refusalMessage>) => [key, params] as const;

describe('the name a file is served with', () => {
  it('keeps the name given, with the extension of what is stored', () => {
    expect(storedName('收入证明.pdf', 'pdf')).toBe('收入证明.pdf');
    expect(storedName('IMG_0001.HEIC', 'heic')).toBe('IMG_0001.jpg');
    expect(storedName('scan', 'png')).toBe('scan.png');
    expect(storedName('../../etc/passwd', 'pdf')).toBe('.._.._etc_passwd.pdf');
    expect(storedName('a\u0000b\r\n.jpg', 'jpeg')).toBe('ab.jpg');
    expect(storedName('', 'pdf')).toBe('file.pdf');
  });

  it('is sent as an attachment, encoded for a Chinese name (RFC 5987) with a plain fallback', () => {
    expect(contentDisposition('收入证明 2026.pdf')).toBe(`attachment; filename="____ 2026.pdf"; filename*=UTF-8''%E6%94%B6%E5%85%A5%E8%AF%81%E6%98%8E%202026.pdf`);
    expect(contentDisposition('a"b\\c%d.pdf')).toBe(`attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%25d.pdf`);
    expect(decodeURIComponent(contentDisposition('身份证（正面）.jpg').split("UTF-8''")[1]!)).toBe('身份证（正面）.jpg');
    expect(fileHeaders({ name: 'x.pdf', mediaType: 'application/pdf', size: 3 })).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-store',
    });
  });

  it('is shown by the browser only when asked and only for a type its own viewer shows, sandboxed either way', () => {
    expect(fileHeaders({ name: 'x.pdf', mediaType: 'application/pdf', size: 3 }, 'inline')).toMatchObject({ 'Content-Disposition': `inline; filename="x.pdf"; filename*=UTF-8''x.pdf`, 'Content-Security-Policy': "sandbox; default-src 'none'" });
    expect(fileHeaders({ name: 'x.png', mediaType: 'image/png', size: 3 }, 'inline')['Content-Disposition']).toMatch(/^inline;/);
    // Anything else is saved, whatever was asked.
    expect(fileHeaders({ name: 'x.html', mediaType: 'text/html', size: 3 }, 'inline')['Content-Disposition']).toMatch(/^attachment;/);
    expect(fileHeaders({ name: 'x.svg', mediaType: 'image/svg+xml', size: 3 }, 'inline')['Content-Disposition']).toMatch(/^attachment;/);
  });
});

describe('a file at rest', () => {
  const secret = randomBytes(32);
  const sealer = createFileSealer(secret);
  const plain = fixture('income-proof.pdf');

  it('is addressed by a keyed hash: the same content the same address, never its plain SHA-256, another under another secret', () => {
    const address = sealer.addressOf(plain);
    expect(address).toMatch(/^[0-9a-f]{64}$/);
    expect(sealer.addressOf(Buffer.from(plain))).toBe(address);
    expect(address).not.toBe(createHash('sha256').update(plain).digest('hex'));
    expect(createFileSealer(randomBytes(32)).addressOf(plain)).not.toBe(address);
    expect(sealer.addressOf(fixture('scan.png'))).not.toBe(address);
  });

  it('is encrypted, differently each time, and opens only at its address under its secret', () => {
    const address = sealer.addressOf(plain);
    const first = sealer.seal(plain, address);
    const second = sealer.seal(plain, address);
    expect(first.includes(Buffer.from('%PDF'))).toBe(false);
    expect(first.equals(second)).toBe(false);
    expect(sealer.open(first, address).equals(plain)).toBe(true);
    expect(() => sealer.open(first, sealer.addressOf(fixture('scan.png')))).toThrow(FileUnsealError);
    expect(() => createFileSealer(randomBytes(32)).open(first, address)).toThrow(FileUnsealError);
    const tampered = Buffer.from(first);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => sealer.open(tampered, address)).toThrow(FileUnsealError);
    expect(() => sealer.open(plain, address)).toThrow(FileUnsealError);
  });
});
