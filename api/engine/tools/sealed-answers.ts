/**
 * A tool journey's answers kept in the reader's browser only (docs/decisions/041): sealed (AES-GCM
 * with a key derived from the portal secret, through the portal's sealer, so that nobody can read
 * or change them in transit or in the browser's store), bound to the tool, stamped with the moment
 * they were last saved so that they lapse after a time idle, and compressed so that a household of
 * the collection's maximum stays within a cookie's 4 KB.
 *
 * Compression before encryption leaks the length of what is compressed; that matters only when a
 * secret is compressed beside text an attacker chooses and watches the size of. Here everything in
 * the blob is the reader's own answers, and nothing is secret from the reader.
 *
 * Pure but for the sealer: the moment is an argument.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';

/** How the portal seals a value for a cookie (api/server/portal.ts draftSealer). */
export interface Sealer {
  seal(value: unknown): string;
  /** The value, or undefined when the token was not sealed with this key (tampered, or another key). */
  open(token: string): unknown;
}

/** Answers are kept this long after the reader last saved one (as a draft's reference is: decision 033). */
export const TOOL_IDLE_MINUTES = 30;
/** What a cookie's value may hold: 4,096 bytes for name, value and attributes, less room for the name and attributes. */
export const MAX_SEALED_CHARS = 3_800;

const Payload = z.strictObject({ v: z.literal(1), tool: z.string(), at: z.number().int(), z: z.string() });
const Answers = z.record(z.string(), z.string());

export type OpenedAnswers = { ok: true; answers: Record<string, string> } | { ok: false; reason: 'none' | 'tampered' | 'lapsed' };

/** The answers sealed for the tool's cookie at `now`, or `too-large` when they would not fit one. */
export function sealAnswers(sealer: Sealer, tool: string, answers: Readonly<Record<string, string>>, now: Date): { ok: true; token: string } | { ok: false; reason: 'too-large' } {
  // Empty answers say nothing: left out, so that they take no room.
  const kept = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== ''));
  const packed = deflateRawSync(Buffer.from(JSON.stringify(kept), 'utf8')).toString('base64url');
  const token = sealer.seal({ v: 1, tool, at: Math.floor(now.getTime() / 1000), z: packed });
  return token.length <= MAX_SEALED_CHARS ? { ok: true, token } : { ok: false, reason: 'too-large' };
}

/** The answers a cookie holds for `tool` at `now`: refused when changed, sealed for another tool, or idle longer than TOOL_IDLE_MINUTES. */
export function openAnswers(sealer: Sealer, tool: string, token: string | undefined, now: Date): OpenedAnswers {
  if (!token) return { ok: false, reason: 'none' };
  const payload = Payload.safeParse(sealer.open(token));
  if (!payload.success || payload.data.tool !== tool) return { ok: false, reason: 'tampered' };
  const idleSeconds = Math.floor(now.getTime() / 1000) - payload.data.at;
  if (idleSeconds > TOOL_IDLE_MINUTES * 60 || idleSeconds < -60) return { ok: false, reason: 'lapsed' };
  try {
    const answers = Answers.safeParse(JSON.parse(inflateRawSync(Buffer.from(payload.data.z, 'base64url')).toString('utf8')));
    return answers.success ? { ok: true, answers: answers.data } : { ok: false, reason: 'tampered' };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
