/** The staff pages' view of the staff API (sign-in, who is signed in, sign-out). */
import { decodeQueueCursor } from '../../api/cases/queue.ts';
import { dynamicKey } from '../../api/i18n/index.ts';
import type { AstroGlobal } from 'astro';
import { statutoryHolidayNamed } from '../../api/domain/calendar/statutory-holidays.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export async function currentStaff(astro: Astro) {
  const response = await astro.locals.portal.api.staff.me.$get();
  return response.status === 200 ? response.json() : undefined;
}

/** The signed-in member as the staff pages know them (name, roles, offices, service areas, what they may do). */
export type SignedInStaff = NonNullable<Awaited<ReturnType<typeof currentStaff>>>;

export type SignInAnswer =
  | { ok: true; setCookie: string }
  /** `retryAfter`: when there were too many attempts, the seconds to wait (the API's Retry-After). */
  | { ok: false; status: number; message: string; fields: { field: string; message: string }[]; retryAfter?: string };

export async function postSignIn(astro: Astro, username: string, password: string): Promise<SignInAnswer> {
  const response = await astro.locals.portal.api.staff.session.$post({ json: { username, password } });
  if (response.status === 200) return { ok: true, setCookie: response.headers.get('set-cookie') ?? '' };
  const body = (await response.json()) as { error: { message: string; fields?: { field: string; message: string }[] } };
  const retryAfter = response.headers.get('retry-after');
  return { ok: false, status: response.status, message: body.error.message, fields: body.error.fields ?? [], ...(retryAfter ? { retryAfter } : {}) };
}

export async function postSignOut(astro: Astro, everywhere: boolean): Promise<string | undefined> {
  const response = await astro.locals.portal.api.staff.session.end.$post({ json: { everywhere } });
  return response.headers.get('set-cookie') ?? undefined;
}

/**
 * The queue's state filter as the page sends it: `<service>:<state>`, a state of one service (the
 * filter's options, grouped by service: docs/decisions/050), or a bare state across every service
 * (an address from before).
 */
export function queueStateFilter(value: string | null): { service?: string; state?: string } {
  if (!value) return {};
  const at = value.indexOf(':');
  if (at < 0) return { state: value };
  const service = value.slice(0, at);
  const state = value.slice(at + 1);
  return { ...(service ? { service } : {}), ...(state ? { state } : {}) };
}

/** The value of the filter's option for one service's state. */
export const queueStateValue = (service: string, state: string): string => `${service}:${state}`;

function cursorParam(name: 'after' | 'before', value: string | null): { after?: string; before?: string } {
  return value && value.length <= 300 && decodeQueueCursor(value) ? { [name]: value } : {};
}

export async function staffQueue(astro: Pick<AstroGlobal, 'locals' | 'url'>) {
  const params = astro.url.searchParams;
  const dueParam = params.get('due');
  const due: 'overdue' | 'due-soon' | undefined = dueParam === 'overdue' || dueParam === 'due-soon' ? dueParam : undefined;
  const query = {
    ...queueStateFilter(params.get('state')),
    ...(due ? { due } : {}),
    page: String(Math.max(1, Number(params.get('page')) || 1)),
    // A page's cursor from the previous or next link; one changed by hand is left out (the page by its number).
    ...cursorParam('after', params.get('after')),
    ...cursorParam('before', params.get('before')),
  };
  const response = await astro.locals.portal.api.staff.cases.$get({ query });
  return response.status === 200 ? response.json() : undefined;
}

export type CaseWork = import('../../api/cases/case-work.ts').CaseWorkView;

export type CaseAnswer =
  | { ok: true; view: CaseWork }
  | { ok: false; status: number; code: string; message: string; fields: { field: string; message: string }[] };

async function caseAnswer(response: Response): Promise<CaseAnswer> {
  if (response.status === 200) return { ok: true, view: (await response.json()) as CaseWork };
  const body = (await response.json().catch(() => ({ error: { code: '', message: '' } }))) as { error: { code: string; message: string; fields?: { field: string; message: string }[] } };
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message, fields: body.error.fields ?? [] };
}

export async function openCase(astro: Astro, trackingNumber: string): Promise<CaseAnswer> {
  return caseAnswer(await astro.locals.portal.api.staff.cases[':trackingNumber'].$get({ param: { trackingNumber } }));
}

export async function revealCase(astro: Astro, trackingNumber: string): Promise<CaseAnswer> {
  return caseAnswer(await astro.locals.portal.api.staff.cases[':trackingNumber'].reveal.$post({ param: { trackingNumber } }));
}

/** A system admin gives the reason for reading a case it does not handle (docs/access-control.md). */
export async function breakGlass(astro: Astro, trackingNumber: string, reason: string): Promise<CaseAnswer> {
  return caseAnswer(await astro.locals.portal.api.staff.cases[':trackingNumber']['break-glass'].$post({ param: { trackingNumber }, json: { reason } }));
}

export async function actOnCase(astro: Astro, trackingNumber: string, action: { transition: string; version: number; input: Record<string, string> }): Promise<CaseAnswer> {
  return caseAnswer(await astro.locals.portal.api.staff.cases[':trackingNumber'].transitions.$post({ param: { trackingNumber }, json: action }));
}

export async function holidayCalendar(astro: Astro) {
  const response = await astro.locals.portal.api.staff.holidays.$get();
  return response.status === 200 ? response.json() : undefined;
}

export type HolidayAffectedAppointment = import('../../api/services/marriage/holiday-closures.ts').HolidayAffectedAppointment;

/**
 * Loads a year; with appointments on its new holidays, the API answers 409 with them until
 * `confirmed` lists every one (`code` holidays_need_confirmation, `affected` the list).
 */
export async function loadHolidayYear(astro: Astro, year: import('../../api/domain/calendar/working-days.ts').HolidayYear, confirmed: string[] = []) {
  const response = await astro.locals.portal.api.staff.holidays[':year'].$put({ param: { year: String(year.year) }, json: { ...year, confirmed } });
  if (response.status === 200) return { ok: true as const, cancelled: ((await response.json()) as { cancelled: number }).cancelled };
  const body = (await response.json()) as { error: { code: string; message: string; fields?: { field: string; message: string }[] }; affected?: HolidayAffectedAppointment[] };
  return { ok: false as const, status: response.status, code: body.error.code, message: body.error.message, fields: body.error.fields ?? [], affected: body.affected ?? [] };
}

/** A holiday's name in the page's language: the law's holidays are translated, any other name a notice gives is shown as written. */
export function holidayName(name: string, t: (key: string) => string): string {
  const id = statutoryHolidayNamed(name);
  return id ? t(dynamicKey`holidays.names.${id}`) : name;
}

/** The office's day; with `search`, only the appointments that match it (sent in a POST body, never a URL). */
/** A registry office's day, or the status that says why not (403: the member is no clerk of a registry; 404: not this office). */
export async function officeDay(astro: Astro, office: string | undefined, date: string, search?: string): Promise<{ status: number; day?: OfficeDayView }> {
  const where = { date, ...(office ? { office } : {}) };
  const response = search ? await astro.locals.portal.api.staff.appointments.search.$post({ json: { ...where, search } }) : await astro.locals.portal.api.staff.appointments.$get({ query: where });
  if (response.status !== 200) return { status: response.status };
  return { status: 200, day: (await response.json()) as OfficeDayView };
}

type OfficeDayView = {
  registries: string[];
  office: string;
  date: string;
  closedFor?: import('../../api/engine/booking/schedule.ts').ClosedFor;
  slots: { start: string; end: string; appointments: { trackingNumber: string; kind: string; visit: number; state: string; people: { name: string; idType: string; idNumber: string; noShows: number }[] }[] }[];
};

export type OfficeScheduleView = import('../../api/services/marriage/office-admin.ts').OfficeScheduleView;
export type AffectedAppointment = import('../../api/services/marriage/office-admin.ts').AffectedAppointment;

interface ErrorAnswer {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
  affected?: AffectedAppointment[];
}

export type OfficeAnswer<Body> = { ok: true; body: Body } | { ok: false; status: number; code: string; message: string; fields: { field: string; message: string }[]; affected: AffectedAppointment[] };

async function officeAnswer<Body>(response: Response): Promise<OfficeAnswer<Body>> {
  if (response.status === 200) return { ok: true, body: (await response.json()) as Body };
  const body = (await response.json().catch(() => ({ error: { code: 'unknown', message: '' } }))) as ErrorAnswer;
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message, fields: body.error.fields ?? [], affected: body.affected ?? [] };
}

/** The registry offices the member administers (undefined when they administer none). */
export async function administeredOffices(astro: Astro) {
  const response = await astro.locals.portal.api.staff.offices.$get();
  return response.status === 200 ? ((await response.json()) as { offices: OfficeScheduleView[] }).offices : undefined;
}

export async function officeSchedule(astro: Astro, officeId: string): Promise<OfficeAnswer<OfficeScheduleView>> {
  return officeAnswer(await astro.locals.portal.api.staff.offices[':officeId'].$get({ param: { officeId } }));
}

export async function saveOfficeSettings(astro: Astro, officeId: string, settings: import('../../api/engine/booking/schedule-admin.ts').ScheduleSettings) {
  return officeAnswer<OfficeScheduleView & { slotsNotReduced: number }>(await astro.locals.portal.api.staff.offices[':officeId'].settings.$put({ param: { officeId }, json: settings }));
}

export async function previewClosure(astro: Astro, officeId: string, date: string) {
  return officeAnswer<{ date: string; closed: boolean; affected: AffectedAppointment[] }>(await astro.locals.portal.api.staff.offices[':officeId'].closures[':date'].$get({ param: { officeId, date } }));
}

export async function closeOfficeDay(astro: Astro, officeId: string, date: string, confirmed: string[]) {
  return officeAnswer<OfficeScheduleView & { cancelled: number }>(await astro.locals.portal.api.staff.offices[':officeId'].closures.$post({ param: { officeId }, json: { date, confirmed } }));
}

export async function reopenOfficeDay(astro: Astro, officeId: string, date: string) {
  return officeAnswer<OfficeScheduleView>(await astro.locals.portal.api.staff.offices[':officeId'].closures[':date'].$delete({ param: { officeId, date } }));
}
