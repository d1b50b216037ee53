/**
 * What an HTML-tier test starts from: its worker's server, a visitor (a browser without
 * JavaScript) in either language, staff signed in by role, and made-up people no other test used.
 */
import { inject } from 'vitest';
import { demoPassword, demoUsername } from '../../../api/staff/demo-accounts.ts';
import type { StaffRole } from '../../../api/domain/staff/staff.ts';
import type { Language } from '../../support/site.ts';
import { nextPeople, staffPassword, type TestPortalInfo } from '../../support/test-portal.ts';
import { Visitor, type HtmlPage } from './html-client.ts';

/** This worker's server (global-setup.ts starts one per worker). */
export function workerPortal(): TestPortalInfo {
  const portals = inject('htmlPortals');
  const portal = portals[(Number(process.env.VITEST_POOL_ID) || 1) - 1] ?? portals[0];
  if (!portal) throw new Error('no server for this worker: run the HTML tier through its Vitest project (npm run test:html)');
  return portal;
}

/** The worker's server address, for API calls that set data up. */
export const baseUrl = () => workerPortal().url;

/** A new visitor with no cookies, whose browser asks for pages in this language. */
export function visitor(language?: Language): Visitor {
  return new Visitor(workerPortal().url, language ? { acceptLanguage: language.code === 'en' ? 'en' : 'zh-CN,zh;q=0.9' } : {});
}

/** A number for made-up people (`personId(n, …)`, `marriageAppointment(n, …)`) that no test on this server used before. */
export const people = (count = 1) => nextPeople(workerPortal(), count);

/** Signs a demo staff member in through the sign-in form; answers the page the form led to (the workbench). */
export async function signIn(member: Visitor, language: Language, role: StaffRole, password = staffPassword(workerPortal(), role)): Promise<HtmlPage> {
  const s = language.strings;
  const page = await member.get(language.path('/staff/sign-in'));
  return page.form(s.staff.signIn.submit).fill(s.staff.signIn.username, demoUsername(role)).fill(s.staff.signIn.password, password).submit();
}

/** Opens the status page and looks a case up by its tracking number and an ID number or phone, as its form does. */
export async function lookUp(reader: Visitor, language: Language, trackingNumber: string, secondFactor: string): Promise<HtmlPage> {
  const s = language.strings;
  const page = await reader.get(language.path('/track'));
  return page.form(s.track.submit).fill(s.track.trackingNumber, trackingNumber).fill(s.track.secondFactor, secondFactor).submit();
}

/** A visitor already signed in as this role. */
export async function staffVisitor(language: Language, role: StaffRole): Promise<Visitor> {
  const member = visitor(language);
  const page = await signIn(member, language, role);
  if (!member.cookies.has('staff_session')) throw new Error(`signing in as ${role} failed: ${page.path} ${page.role('alert')}`);
  return member;
}

/**
 * The demo's second content editor, signed in (in Chinese): a draft's reviewer, since nobody approves
 * their own (docs/decisions/052).
 */
export async function secondContentEditor(language: Language): Promise<Visitor> {
  const member = visitor(language);
  const s = language.strings;
  const page = await member.get(language.path('/staff/sign-in'));
  await page.form(s.staff.signIn.submit).fill(s.staff.signIn.username, 'demo-content-editor-2').fill(s.staff.signIn.password, demoPassword(Buffer.from(workerPortal().secret, 'hex'), 'content-editor-2')).submit();
  if (!member.cookies.has('staff_session')) throw new Error('the second content editor could not sign in');
  return member;
}

/** A JSON API call with a signed-in member's cookies, to set data up: its status and JSON body. */
export async function staffApi(member: Visitor, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await member.request(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
