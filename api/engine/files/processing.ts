/**
 * What is done to an accepted file before it is stored (docs/decisions/026):
 *
 * - JPEG and PNG are decoded and encoded anew with sharp: turned upright as their EXIF orientation
 *   says (`rotate()`), then written without any metadata (no EXIF, so no GPS position, camera,
 *   owner's name or thumbnail of the uncropped photo; no XMP, no IPTC, no ICC profile: sharp
 *   converts to sRGB). Re-encoding also drops anything appended after the image's end.
 * - HEIC/HEIF from phones is decoded with libheif-js (libheif compiled to WebAssembly: sharp's
 *   prebuilt libvips leaves HEVC out), which applies the file's rotation and mirroring, and the
 *   pixels are written as a JPEG by sharp, with no metadata either.
 * - PDF is stored as given: nothing here removes its metadata, scripts, forms or embedded files
 *   (served as an attachment under a sandboxing CSP, never shown inline).
 *
 * An image that does not decode, or has more pixels than MAX_PIXELS (a small file can claim an
 * enormous picture), is refused as unreadable.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { STORED_MEDIA_TYPE, type FileKind } from './upload-policy.ts';

/** 100 megapixels: above any phone's photo (48 MP) and a 600-dpi A3 scan, far below what would exhaust memory. */
export const MAX_PIXELS = 100_000_000;
/** Quality of re-encoded JPEG: text on a photographed document stays legible. */
const JPEG_QUALITY = 88;

export interface ProcessedFile {
  content: Buffer;
  mediaType: (typeof STORED_MEDIA_TYPE)[FileKind];
}

export type Processing = { ok: true; file: ProcessedFile } | { ok: false; reason: 'unreadable' };

/**
 * sharp (libvips, its threads and caches: ~10 MB resident and 30 modules) is loaded by the first
 * image uploaded, not by every process at start (docs/decisions/078).
 */
let sharpModule: Promise<typeof import('sharp')> | undefined;
const loadSharp = async () => (await (sharpModule ??= import('sharp'))).default;

export async function processUpload(kind: FileKind, bytes: Buffer): Promise<Processing> {
  try {
    if (kind === 'pdf') return { ok: true, file: { content: bytes, mediaType: STORED_MEDIA_TYPE.pdf } };
    const sharp = await loadSharp();
    if (kind === 'heic') {
      const pixels = await decodeHeic(bytes);
      if (!pixels) return { ok: false, reason: 'unreadable' };
      const content = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: JPEG_QUALITY })
        .toBuffer();
      return { ok: true, file: { content, mediaType: STORED_MEDIA_TYPE.heic } };
    }
    // failOn 'error': a truncated or corrupt image is refused, not stored half-grey.
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate();
    const content = kind === 'png' ? await image.png().toBuffer() : await image.jpeg({ quality: JPEG_QUALITY }).toBuffer();
    return { ok: true, file: { content, mediaType: STORED_MEDIA_TYPE[kind] } };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** The parts of libheif-js's JavaScript API used here (it ships no types for them). */
interface HeifImage {
  get_width(): number;
  get_height(): number;
  is_primary(): boolean;
  display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (result: { data: Uint8ClampedArray } | null) => void): void;
  free(): void;
}
interface HeifDecoder {
  decode(bytes: Uint8Array): HeifImage[];
  /** The context of the last decode: freed only by the next decode, so freed here once done. */
  decoder: unknown;
}
interface Libheif {
  HeifDecoder: new () => HeifDecoder;
  heif_context_free(context: unknown): void;
}

let heif: { library: Libheif; decoder: HeifDecoder } | undefined;
/** One decode at a time: the decoder keeps its context between calls. */
let heifQueue: Promise<unknown> = Promise.resolve();

/** Loaded on the first HEIC, not at start: most processes never see one. */
function heifDecoder(): { library: Libheif; decoder: HeifDecoder } {
  if (!heif) {
    const require = createRequire(import.meta.url);
    const factory = require('libheif-js/libheif-wasm/libheif.js') as (options: { wasmBinary: Buffer }) => Libheif;
    const library = factory({ wasmBinary: readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.wasm')) });
    heif = { library, decoder: new library.HeifDecoder() };
  }
  return heif;
}

type Pixels = { data: Uint8ClampedArray; width: number; height: number };

/** The primary image's pixels as RGBA, or undefined when the file holds no image that decodes within MAX_PIXELS. */
function decodeHeic(bytes: Buffer): Promise<Pixels | undefined> {
  const run = heifQueue.then(() => decodeNow(bytes));
  heifQueue = run.catch(() => undefined);
  return run;
}

async function decodeNow(bytes: Buffer): Promise<Pixels | undefined> {
  const { library, decoder } = heifDecoder();
  const images = decoder.decode(bytes);
  try {
    const image = images.find((candidate) => candidate.is_primary()) ?? images[0];
    if (!image) return undefined;
    const width = image.get_width();
    const height = image.get_height();
    if (width < 1 || height < 1 || width * height > MAX_PIXELS) return undefined;
    return await new Promise<Pixels | undefined>((resolve) => {
      image.display({ data: new Uint8ClampedArray(width * height * 4), width, height }, (result) => resolve(result ? { data: result.data, width, height } : undefined));
    });
  } finally {
    for (const image of images) image.free();
    if (decoder.decoder) library.heif_context_free(decoder.decoder);
    decoder.decoder = null;
  }
}
