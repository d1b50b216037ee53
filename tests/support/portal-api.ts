/**
 * Setting data up through the portal's own API, over HTTP, instead of clicking through pages: a
 * test of step 6 starts at step 6. Shared by the HTML tier (fetch) and the browser tier (the same
 * functions, given the worker's server address).
 */
import type { StaffRole } from '../../api/domain/staff/staff.ts';
import { demoPassword, demoUsername } from '../../api/staff/demo-accounts.ts';
import { marriageAppointment, oldAgeAllowanceApplication, personId } from './applications.ts';

type Kind = 'marriage' | 'divorce' | 'reissue';

/** Today in China, as the server counts days. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const timeOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, count: number): string {
  return new Date(timeOf(day) + count * DAY_MS).toISOString().slice(0, 10);
}

/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((timeOf(to) - timeOf(from)) / DAY_MS);
}

/** 0 for Monday … 6 for Sunday: the week starts on Monday in China. */
export function weekdayIndex(day: string): number {
  return (new Date(timeOf(day)).getUTCDay() + 6) % 7;
}

/** A day of an office's calendar as the API gives it (and the date step lists it). */
export interface CalendarDay {
  date: string;
  state: string;
  placesLeft?: number;
  /** When an 'opens-at' day opens for booking. */
  releasesAt?: string;
}

export interface Slot {
  date: string;
  start: string;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** An office's calendar, the days the date step offers (from tomorrow in China, 31 days). */
export async function officeCalendar(baseUrl: string, office = 'demo-county-registry', kind: Kind = 'marriage'): Promise<CalendarDay[]> {
  const from = addDays(chinaToday(), 1);
  return (await json<{ days: CalendarDay[] }>(await fetch(`${baseUrl}/api/v1/marriage/offices/${office}/calendar?kind=${kind}&from=${from}&days=31`))).days;
}

export async function officeSlots(baseUrl: string, date: string, office = 'demo-county-registry', kind: Kind = 'marriage'): Promise<{ start: string; end: string; placesLeft: number }[]> {
  return (await json<{ slots: { start: string; end: string; placesLeft: number }[] }>(await fetch(`${baseUrl}/api/v1/marriage/offices/${office}/slots?kind=${kind}&date=${date}`))).slots;
}

/** The first slot with a place left in an office (the county's by default), from its own calendar (the server's clock is real). */
export async function bookableSlot(baseUrl: string, office = 'demo-county-registry', kind: Kind = 'marriage', which: 'first' | 'last' = 'first'): Promise<Slot> {
  const days = (await officeCalendar(baseUrl, office, kind)).filter((d) => d.state === 'available');
  for (const day of which === 'first' ? days : days.reverse()) {
    const slot = (await officeSlots(baseUrl, day.date, office, kind)).find((s) => s.placesLeft > 0);
    if (slot) return { date: day.date, start: slot.start };
  }
  throw new Error(`no bookable ${kind} slot at ${office} in the next 31 days`);
}

export async function placesLeft(baseUrl: string, slot: Slot, office = 'demo-county-registry'): Promise<number> {
  const found = (await officeSlots(baseUrl, slot.date, office)).find((s) => s.start === slot.start);
  if (!found) throw new Error(`${office} has no ${slot.start} on ${slot.date}`);
  return found.placesLeft;
}

export type Appointment = ReturnType<typeof marriageAppointment>;

/** The newest one-time code sent to `phone`, from the development route (/dev/phone-codes). */
export async function sentPhoneCode(baseUrl: string, phone: string): Promise<string> {
  return (await json<{ code: string }>(await fetch(`${baseUrl}/api/v1/dev/phone-codes/${encodeURIComponent(phone)}`))).code;
}

/** Proofs given before, per server and phone, while they hold: a phone gets at most 5 codes an hour. */
const proofs = new Map<string, { proof: string; expiresAt: number }>();

/**
 * A proof that `phone` was confirmed (docs/decisions/019): a code sent, read back from the
 * development route, and confirmed; one given before on this server is used again while it holds.
 */
export async function phoneProof(baseUrl: string, phone: string): Promise<string> {
  return (await confirmedPhone(baseUrl, phone)).proof;
}

/** The same, with until when the proof holds (what a journey's draft keeps of a confirmed phone). */
export async function confirmedPhone(baseUrl: string, phone: string): Promise<{ proof: string; expiresAt: string }> {
  const known = proofs.get(`${baseUrl} ${phone}`);
  if (known && known.expiresAt > Date.now() + 60_000) return { proof: known.proof, expiresAt: new Date(known.expiresAt).toISOString() };
  const headers = { 'content-type': 'application/json', origin: baseUrl };
  await json(await fetch(`${baseUrl}/api/v1/phone-codes`, { method: 'POST', headers, body: JSON.stringify({ phone }) }));
  const code = await sentPhoneCode(baseUrl, phone);
  const confirmed = await json<{ proof: string; expiresAt: string }>(await fetch(`${baseUrl}/api/v1/phone-codes/confirm`, { method: 'POST', headers, body: JSON.stringify({ phone, code }) }));
  proofs.set(`${baseUrl} ${phone}`, { proof: confirmed.proof, expiresAt: Date.parse(confirmed.expiresAt) });
  return confirmed;
}

/**
 * 身后一件事's flat answers (applications.ts afterDeathAnswers) with the handler's phone confirmed, as
 * its phones step keeps it in the draft (docs/decisions/076): a test starting on a later page needs it.
 */
export async function withConfirmedHandler(baseUrl: string, answers: Record<string, string>): Promise<Record<string, string>> {
  const phone = answers['handler.phone'] ?? '';
  const { proof, expiresAt } = await confirmedPhone(baseUrl, phone);
  return { ...answers, 'phoneProof.handler': JSON.stringify({ phone, proof, expiresAt }) };
}

/** Applies for 身后一件事 through the API (applications.ts afterDeathApplication), the handler's phone confirmed first. */
export async function afterDeathViaApi(baseUrl: string, body: { handler: Record<string, string> }, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Response> {
  const phoneProof = (await confirmedPhone(baseUrl, body.handler['phone'] ?? '')).proof;
  return fetch(`${baseUrl}/api/v1/services/after-death/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ ...body, phoneProof }) });
}

/** Both people's phones confirmed (the first's only, without a second person), as a booking's `phoneProofs`. */
export async function phoneProofsFor(baseUrl: string, appointment: { partyA: { phone: string }; partyB?: { phone: string } | undefined }): Promise<{ partyA: string; partyB?: string }> {
  const partyA = await phoneProof(baseUrl, appointment.partyA.phone);
  return appointment.partyB ? { partyA, partyB: await phoneProof(baseUrl, appointment.partyB.phone) } : { partyA };
}

/** Books through the API, the phones confirmed first; returns the answer's status and tracking number (when booked). */
export async function bookViaApi(baseUrl: string, appointment: Appointment, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ status: number; trackingNumber: string }> {
  const response = await fetch(`${baseUrl}/api/v1/marriage/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ ...appointment, phoneProofs: await phoneProofsFor(baseUrl, appointment) }),
  });
  const body = (await response.json()) as { trackingNumber?: string };
  return { status: response.status, trackingNumber: body.trackingNumber ?? '' };
}

/** Books and insists it worked; returns the tracking number. */
export async function bookedViaApi(baseUrl: string, appointment: Appointment, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<string> {
  const { status, trackingNumber } = await bookViaApi(baseUrl, appointment, lang);
  if (status !== 201) throw new Error(`booking answered ${status}`);
  return trackingNumber;
}

/** Books couples `people()` on through the API until `leave` places are left in the slot. */
export async function fillSlot(baseUrl: string, slot: Slot & { office?: string }, people: () => number, leave = 0): Promise<void> {
  while ((await placesLeft(baseUrl, slot, slot.office)) > leave) {
    const { status } = await bookViaApi(baseUrl, marriageAppointment(people(), slot));
    if (status !== 201 && status !== 409) throw new Error(`filling ${slot.date} ${slot.start}: booking answered ${status}`);
  }
}

/** Applies for the 高龄津贴 through the API (in `lang`: the applicant's messages follow it); returns the tracking number. */
export async function applyViaApi(baseUrl: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/services/old-age-allowance/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(oldAgeAllowanceApplication()),
  });
  if (response.status !== 201) throw new Error(`applying answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { trackingNumber: string }).trackingNumber;
}

/** A demo staff member's session cookie (`staff_session=…`), signed in through the API. */
export async function staffCookie(portal: { url: string; secret: string }, role: StaffRole): Promise<string> {
  const response = await fetch(`${portal.url}/api/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: portal.url },
    body: JSON.stringify({ username: demoUsername(role), password: demoPassword(Buffer.from(portal.secret, 'hex'), role) }),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('staff_session='))?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`signing in as ${role} answered ${response.status}`);
  return cookie;
}

/** Takes a workflow step on a case as the member whose cookie this is, at the case's current version. */
export async function takeStep(baseUrl: string, cookie: string, trackingNumber: string, transition: string, input: Record<string, string | number> = {}): Promise<void> {
  const headers = { cookie, origin: baseUrl, 'content-type': 'application/json' };
  const current = await json<{ version: number }>(await fetch(`${baseUrl}/api/v1/staff/cases/${trackingNumber}`, { headers }));
  const response = await fetch(`${baseUrl}/api/v1/staff/cases/${trackingNumber}/transitions`, { method: 'POST', headers, body: JSON.stringify({ transition, version: current.version, input }) });
  if (response.status !== 200) throw new Error(`${transition} on ${trackingNumber} answered ${response.status}: ${await response.text()}`);
}

/** A booking of a transport and a cremation on `date` (a cremation slot with a place left), through the API. */
/** `more`: answers over the booking's (the fee exemption's `registeredHere` and `claims`: docs/decisions/075). */
export async function funeralBookedViaApi(base: string, n: number, date: string, lang: 'zh-CN' | 'en', home = 'demo-district-funeral-home', more: Record<string, unknown> = {}): Promise<{ trackingNumber: string; start: string }> {
  const slots = (await (await fetch(`${base}/api/v1/funeral/homes/${home}/resources/cremation/slots?date=${date}`)).json()) as { slots: { start: string; placesLeft: number }[] };
  const start = slots.slots.find((slot) => slot.placesLeft > 0)?.start ?? '';
  const phone = `1390072${String(n).padStart(4, '0')}`;
  const response = await fetch(`${base}/api/v1/funeral/bookings?lang=${lang}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      home,
      deceased: { name: '钱桂兰', idNumber: personId(n, 'female', '19360101'), diedOn: addDays(chinaToday(), -1), placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: 'C330123456' } },
      contact: { name: '钱明', relationship: 'child', phone },
      phoneProof: await phoneProof(base, phone),
      transport: { date, from: '08:00', to: '10:00', address: '示例区安康路 72 号' },
      cremation: { date, start },
      ...more,
    }),
  });
  const body = (await response.json()) as { trackingNumber?: string };
  if (response.status !== 201) throw new Error(`the funeral booking answered ${response.status}: ${JSON.stringify(body)}`);
  return { trackingNumber: body.trackingNumber ?? '', start };
}
