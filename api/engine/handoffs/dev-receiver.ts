/**
 * The development receiver's rules (docs/decisions/044): outside production, a hand-off with no
 * endpoint configured is sent to the portal's own receiver (POST /api/v1/dev/handoff-receiver/{name}),
 * which answers as the receiving system would: at once, later (202, then a signed callback), or with
 * a refusal. Which one: HANDOFF_DEV_RECEIVER_MODE, or by default ('by-id') the request itself: a
 * resident ID number in the payload whose sequence code (its 15th–17th digits) is 998 is answered
 * later, 999 refused, any other at once. Like the receiving system, it answers a repeated request
 * id exactly as it answered the first, and schedules its callback once.
 */
import type { DevReceiverMode, HandoffAnswer, HandoffPayload, HandoffReply } from './handoff.ts';

export type DevReceiverSetting = DevReceiverMode | 'by-id';

/** The sequence codes that choose a mode in 'by-id'. */
export const DEMO_SEQUENCE_CODES: Readonly<Record<string, DevReceiverMode>> = { '998': 'delayed', '999': 'refuse' };

const RESIDENT_ID = /^\d{17}[\dX]$/;

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* strings(item);
}

/** How the receiver answers this payload. */
export function devReceiverMode(setting: DevReceiverSetting, payload: HandoffPayload): DevReceiverMode {
  if (setting !== 'by-id') return setting;
  for (const text of strings(payload)) {
    const mode = RESIDENT_ID.test(text) ? DEMO_SEQUENCE_CODES[text.slice(14, 17)] : undefined;
    if (mode) return mode;
  }
  return 'immediate';
}

/** A callback the receiver owes: sent once its time comes. */
export interface OwedCallback {
  requestId: string;
  handoff: string;
  callbackUrl: string;
  answer: HandoffAnswer;
  dueAt: number;
  /** Sending attempts so far (the portal may be briefly unreachable). */
  tries: number;
}

/**
 * What the receiver remembers (in memory: a development tool, one per process): each request id's
 * reply, and the callbacks it owes.
 */
export class DevReceiverState {
  readonly #replies = new Map<string, HandoffReply>();
  #owed: OwedCallback[] = [];

  /** The reply to a request: the first one's again for a repeated id, so a retry never doubles the answer. */
  reply(requestId: string, decide: () => { reply: HandoffReply; later?: Omit<OwedCallback, 'tries'> }): HandoffReply {
    const known = this.#replies.get(requestId);
    if (known) return known;
    const { reply, later } = decide();
    this.#replies.set(requestId, reply);
    if (later) this.#owed.push({ ...later, tries: 0 });
    return reply;
  }

  /** The callbacks due at `now`, taken off the list; one that could not be sent is given back with `owe`. */
  takeDue(now: number): OwedCallback[] {
    const due = this.#owed.filter((callback) => callback.dueAt <= now);
    this.#owed = this.#owed.filter((callback) => callback.dueAt > now);
    return due;
  }

  owe(callback: OwedCallback): void {
    this.#owed.push(callback);
  }
}
