/**
 * What is done to an accepted file (docs/decisions/026), checked by reading the result back with
 * sharp: a photo's EXIF (GPS position, camera, owner) is gone and the photo is upright; a phone's
 * HEIC becomes a JPEG; a PDF is kept byte for byte; an image that does not decode is refused.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processUpload } from '../../api/engine/files/processing.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));

/** The fixtures' photos are 48×32: red on the left half, blue on the right. */
async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}
const reddish = ([r, , b]: [number, number, number]) => r > 150 && b < 100;
const bluish = ([r, , b]: [number, number, number]) => b > 150 && r < 100;

describe('processing an upload', () => {
  it('re-encodes a JPEG without its EXIF (GPS, camera, artist), turned upright as its orientation said', async () => {
    const input = fixture('photo-with-gps.jpg');
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain('Zhang San');
    expect(before.orientation).toBe(6);

    const result = await processUpload('jpeg', input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.mediaType).toBe('image/jpeg');
    const after = await sharp(result.file.content).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(result.file.content.includes(Buffer.from('Zhang San'))).toBe(false);
    expect(result.file.content.includes(Buffer.from('PhoneMaker'))).toBe(false);
    // Orientation 6 turns it a quarter clockwise: 32 wide, 48 high, red on top.
    expect([after.width, after.height]).toEqual([32, 48]);
    expect(reddish(await pixel(result.file.content, 16, 5))).toBe(true);
    expect(bluish(await pixel(result.file.content, 16, 42))).toBe(true);
  });

  it('re-encodes a PNG as a PNG with no metadata', async () => {
    const result = await processUpload('png', fixture('scan.png'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.mediaType).toBe('image/png');
    const after = await sharp(result.file.content).metadata();
    expect(after.format).toBe('png');
    expect([after.width, after.height, after.exif]).toEqual([48, 32, undefined]);
  });

  it('converts a phone’s HEIC to a JPEG with the same picture', async () => {
    const result = await processUpload('heic', fixture('phone-photo.heic'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.mediaType).toBe('image/jpeg');
    const after = await sharp(result.file.content).metadata();
    expect([after.format, after.width, after.height, after.exif]).toEqual(['jpeg', 48, 32, undefined]);
    expect(reddish(await pixel(result.file.content, 5, 16))).toBe(true);
    expect(bluish(await pixel(result.file.content, 42, 16))).toBe(true);
  });

  it('keeps a PDF as it was sent', async () => {
    const input = fixture('income-proof.pdf');
    const result = await processUpload('pdf', input);
    expect(result).toEqual({ ok: true, file: { content: input, mediaType: 'application/pdf' } });
  });

  it('refuses an image that does not decode: cut short, or only a signature', async () => {
    const jpeg = fixture('photo-with-gps.jpg');
    expect(await processUpload('jpeg', jpeg.subarray(0, jpeg.length / 2))).toEqual({ ok: false, reason: 'unreadable' });
    expect(await processUpload('png', fixture('scan.png').subarray(0, 40))).toEqual({ ok: false, reason: 'unreadable' });
    expect(await processUpload('heic', fixture('phone-photo.heic').subarray(0, 120))).toEqual({ ok: false, reason: 'unreadable' });
  });
});
