/**
 * What server-side drafts cost (issue 13, docs/decisions/033): every journey page reads the draft by
 * its reference (a keyed hash lookup, then the answers decrypted), and a saved answer encrypts them
 * and writes them. A pool of drafts is started through the API; the load then picks a random one for
 * every request, so each request finds its row by the reference's hash, as a crowd of citizens would.
 *
 * Three loads: the API's read (GET /api/v1/drafts/current), the API's save (PUT, the answers
 * encrypted and written), and the page a citizen posts (the journey's first question as a plain
 * urlencoded form with the draft's cookie: the page reads the draft, checks the answers, saves them
 * and answers 303 to the next question). The answers are nearly a whole 高龄津贴 application, so what
 * is decrypted and encrypted is the size of a real one near its check page.
 */
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { oldAgeAllowanceJourney } from '../../api/services/old-age-allowance/journey.ts';
import { referenceCookieName } from '../../site/lib/application-draft.ts';
import { ELDER_ID, ELDER_PHONE } from '../support/applications.ts';
import type { RequestParts } from './load.ts';

export const DRAFT_SETTINGS = {
  service: 'old-age-allowance',
  /** Drafts started before the loads; each request opens one of them at random. */
  pool: 500,
  /** Drafts started at once while filling the pool. */
  startConcurrency: 10,
  /** Answers other than the served ones (not 5xx: those always fail) tolerated, as a share of the requests. */
  notServedTolerance: 0.001,
};

export const DRAFTS_API = '/api/v1/drafts';
export const CURRENT_DRAFT = `${DRAFTS_API}/current`;

const journey = oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS);
const [firstStep, secondStep] = journey.steps;
if (!firstStep || !secondStep) throw new Error('the 高龄津贴 journey has fewer than two steps');
/** The page measured: the journey's first question (the journey has no task list before it). */
export const PAGE_PATH = `/apply/${DRAFT_SETTINGS.service}/${firstStep.step}`;
/** Where a valid answer to it leads (303). */
const NEXT_PATH = `/apply/${DRAFT_SETTINGS.service}/${secondStep.step}`;
const COOKIE = referenceCookieName(DRAFT_SETTINGS.service);

/** A whole application's answers, flat, as the pages save them (no agent). */
const ANSWERS: Readonly<Record<string, string>> = {
  district: 'demo-district',
  'elder.idNumber': ELDER_ID,
  'elder.name': '张秀英',
  'elder.phone': ELDER_PHONE,
  hasAgent: 'no',
  'bank.bankName': '示例银行',
  'bank.accountHolder': '张秀英',
  'bank.accountNumber': '6222000011112222333',
  declaration: 'yes',
};
/** The saves differ by the account number, so every save writes something new and a read-back can tell whose it holds. */
const accountNumber = (n: number) => `6222${String(n).padStart(15, '0')}`;

/** The first question's form, every field answered from ANSWERS (the journey's own fields, so a renamed field fails loudly). */
function firstStepForm(overrides: Record<string, string> = {}): string {
  const form = new URLSearchParams();
  for (const field of firstStep?.fields ?? []) {
    const value = overrides[field.path] ?? ANSWERS[field.path];
    if (value === undefined) throw new Error(`no answer for ${field.path} on ${PAGE_PATH}`);
    form.set(field.path, value);
  }
  return form.toString();
}

const jsonHeaders = (baseUrl: string, reference?: string) => ({ 'content-type': 'application/json', origin: baseUrl, ...(reference ? { 'draft-reference': reference } : {}) });

async function call(url: string, init: RequestInit): Promise<{ status: number; body: string; location: string | null }> {
  const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text(), location: response.headers.get('location') };
}

const answersOf = (body: string): Record<string, string> => {
  const parsed = JSON.parse(body) as { answers?: unknown };
  if (typeof parsed.answers !== 'object' || parsed.answers === null) throw new Error(`a draft without answers: ${body.slice(0, 200)}`);
  return parsed.answers as Record<string, string>;
};

/** Starts `count` drafts with the whole application's answers; their references. */
export async function startDraftPool(baseUrl: string, count = DRAFT_SETTINGS.pool): Promise<{ references: string[]; seconds: number }> {
  const began = performance.now();
  const references: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const answer = await call(baseUrl + DRAFTS_API, { method: 'POST', headers: jsonHeaders(baseUrl), body: JSON.stringify({ service: DRAFT_SETTINGS.service, answers: ANSWERS }) });
      if (answer.status !== 201) throw new Error(`starting a draft answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      references.push((JSON.parse(answer.body) as { reference: string }).reference);
    }
  };
  await Promise.all(Array.from({ length: DRAFT_SETTINGS.startConcurrency }, worker));
  return { references, seconds: (performance.now() - began) / 1000 };
}

/** The three loads' requests, each on a random draft of the pool; the account numbers the saves sent. */
export function draftRequests(baseUrl: string, references: readonly string[]) {
  if (references.length === 0) throw new Error('no drafts to open');
  const pick = () => references[Math.floor(Math.random() * references.length)] as string;
  const saved = new Set<string>([ANSWERS['bank.accountNumber'] as string]);
  let saves = 0;
  const form = firstStepForm();
  return {
    saved,
    read: (): RequestParts => ({ method: 'GET', headers: { 'draft-reference': pick() } }),
    save: (): RequestParts => {
      const number = accountNumber((saves += 1));
      saved.add(number);
      return { method: 'PUT', headers: { 'draft-reference': pick() }, body: JSON.stringify({ answers: { ...ANSWERS, 'bank.accountNumber': number } }) };
    },
    // A browser's form post: same origin (the CSRF check), the draft's cookie.
    page: (): RequestParts => ({ method: 'POST', headers: { origin: baseUrl, cookie: `${COOKIE}=${pick()}` }, body: form }),
  };
}

export const PAGE_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** The page's answer to a valid form: 303 to the next question. */
export const pageServed = (status: number) => status === 303;

/** Before the loads: each of the three requests answers as it should, or the loads would measure refusals. */
export async function checkDraftRequests(baseUrl: string, reference: string): Promise<void> {
  const read = await call(baseUrl + CURRENT_DRAFT, { headers: jsonHeaders(baseUrl, reference) });
  if (read.status !== 200) throw new Error(`GET ${CURRENT_DRAFT} answered ${read.status}: ${read.body.slice(0, 300)}`);
  const saved = await call(baseUrl + CURRENT_DRAFT, { method: 'PUT', headers: jsonHeaders(baseUrl, reference), body: JSON.stringify({ answers: ANSWERS }) });
  if (saved.status !== 200) throw new Error(`PUT ${CURRENT_DRAFT} answered ${saved.status}: ${saved.body.slice(0, 300)}`);
  const page = await call(baseUrl + PAGE_PATH, { method: 'POST', headers: { 'content-type': PAGE_CONTENT_TYPE, origin: baseUrl, cookie: `${COOKIE}=${reference}` }, body: firstStepForm() });
  if (page.status !== 303 || !page.location?.endsWith(NEXT_PATH)) throw new Error(`POST ${PAGE_PATH} answered ${page.status} (to ${page.location}), not 303 to ${NEXT_PATH}: ${page.body.slice(0, 300)}`);
}

export interface DraftCheck {
  /** Drafts of the pool that still open (must be all). */
  opened: number;
  /** Of those, the ones holding answers some request saved: the whole application, its account number one a save sent. */
  asSaved: number;
  /** A save, then a page post changing the first question's answer, read back exactly. */
  readBack: boolean;
  problems: string[];
}

/** After the loads: every draft opens and holds what a request saved; one is saved, posted and read back. */
export async function checkDrafts(baseUrl: string, references: readonly string[], saved: ReadonlySet<string>): Promise<DraftCheck> {
  const problems: string[] = [];
  let opened = 0;
  let asSaved = 0;
  for (const reference of references) {
    const read = await call(baseUrl + CURRENT_DRAFT, { headers: jsonHeaders(baseUrl, reference) });
    if (read.status !== 200) {
      if (problems.length < 5) problems.push(`a draft answered ${read.status}`);
      continue;
    }
    opened += 1;
    const answers = answersOf(read.body);
    const same = Object.keys(answers).length === Object.keys(ANSWERS).length && Object.entries(ANSWERS).every(([key, value]) => key === 'bank.accountNumber' || answers[key] === value);
    if (same && saved.has(answers['bank.accountNumber'] ?? '')) asSaved += 1;
    else if (problems.length < 5) problems.push(`a draft holds answers no request saved: ${JSON.stringify(answers)}`);
  }

  // One draft through both writers, in order: exactly what each saved comes back.
  let readBack = false;
  const reference = references[0];
  const otherDistrict = OLD_AGE_ALLOWANCE_DISTRICTS.find((district) => district.id !== ANSWERS.district)?.id;
  if (reference && otherDistrict) {
    const expected = { ...ANSWERS, 'bank.accountNumber': accountNumber(0) };
    await call(baseUrl + CURRENT_DRAFT, { method: 'PUT', headers: jsonHeaders(baseUrl, reference), body: JSON.stringify({ answers: expected }) });
    const afterSave = answersOf((await call(baseUrl + CURRENT_DRAFT, { headers: jsonHeaders(baseUrl, reference) })).body);
    const page = await call(baseUrl + PAGE_PATH, { method: 'POST', headers: { 'content-type': PAGE_CONTENT_TYPE, origin: baseUrl, cookie: `${COOKIE}=${reference}` }, body: firstStepForm({ district: otherDistrict }) });
    const afterPage = answersOf((await call(baseUrl + CURRENT_DRAFT, { headers: jsonHeaders(baseUrl, reference) })).body);
    const equal = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
    readBack = equal(afterSave, expected) && page.status === 303 && equal(afterPage, { ...expected, district: otherDistrict });
    if (!readBack) problems.push(`read back after a save ${JSON.stringify(afterSave)}, after the page (${page.status}) ${JSON.stringify(afterPage)}`);
  } else problems.push('no draft or no second district to read back');
  return { opened, asSaved, readBack, problems };
}
