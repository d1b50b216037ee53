/**
 * Confirming phones in process (`app.request`), as the in-process API tests need before they book:
 * a code is sent, read back from the development route (/dev/phone-codes/{phone}) and confirmed,
 * and the proof goes into the booking's `phoneProofs` (docs/decisions/019).
 */
const API = 'http://localhost/api/v1';

/** What the tests' in-process apps are: anything with Hono's `request`. */
export interface InProcessApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

const post = (app: InProcessApp, path: string, body: unknown) =>
  app.request(`${API}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: 'http://localhost' } });

/** The newest code sent to `phone`, from the development route. */
export async function sentCode(app: InProcessApp, phone: string): Promise<string> {
  const response = await app.request(`${API}/dev/phone-codes/${encodeURIComponent(phone)}`);
  if (response.status !== 200) throw new Error(`GET /dev/phone-codes/${phone} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { code: string }).code;
}

/** Sends a code to `phone` and confirms it; answers the proof and when it stops holding. */
export async function confirmPhone(app: InProcessApp, phone: string): Promise<{ proof: string; expiresAt: string }> {
  const sent = await post(app, '/phone-codes', { phone });
  if (sent.status !== 202) throw new Error(`POST /phone-codes for ${phone} answered ${sent.status}: ${await sent.text()}`);
  const confirmed = await post(app, '/phone-codes/confirm', { phone, code: await sentCode(app, phone) });
  if (confirmed.status !== 200) throw new Error(`POST /phone-codes/confirm for ${phone} answered ${confirmed.status}: ${await confirmed.text()}`);
  return (await confirmed.json()) as { proof: string; expiresAt: string };
}

interface Booking {
  partyA: { phone: string };
  partyB?: { phone: string } | undefined;
}

/**
 * Proofs already given, per app and phone: a proof holds for 24 hours, and a phone gets at most 5
 * codes an hour, so a test that books the same people again (as a clash or a retry) reuses them.
 */
const given = new WeakMap<InProcessApp, Map<string, { proof: string; expiresAt: number }>>();

/**
 * A proof for `phone`: one given before that still holds at `now` (the app's clock: pass the test's
 * own when it moves), else a new one.
 */
export async function phoneProof(app: InProcessApp, phone: string, now: () => Date = () => new Date()): Promise<string> {
  let proofs = given.get(app);
  if (!proofs) given.set(app, (proofs = new Map()));
  const known = proofs.get(phone);
  if (known && known.expiresAt > now().getTime() + 60_000) return known.proof;
  const { proof, expiresAt } = await confirmPhone(app, phone);
  proofs.set(phone, { proof, expiresAt: Date.parse(expiresAt) });
  return proof;
}

/** 身后一件事 (applications.ts afterDeathApplication) with the proof of the handler's phone beside it (docs/decisions/076). */
export async function withHandlerProof<B extends { handler: Record<string, string> }>(app: InProcessApp, bundle: B, now?: () => Date): Promise<B & { phoneProof: string }> {
  return { ...bundle, phoneProof: await phoneProof(app, bundle.handler['phone'] ?? '', now) };
}

/** The booking with a proof for each party's phone. */
export async function withPhoneProofs<B extends Booking>(app: InProcessApp, booking: B, now?: () => Date): Promise<B & { phoneProofs: { partyA: string; partyB?: string } }> {
  const partyA = await phoneProof(app, booking.partyA.phone, now);
  if (!booking.partyB) return { ...booking, phoneProofs: { partyA } };
  return { ...booking, phoneProofs: { partyA, partyB: await phoneProof(app, booking.partyB.phone, now) } };
}
