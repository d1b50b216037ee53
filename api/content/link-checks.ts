/**
 * The external link checker (docs/decisions/058): takes the distinct http(s) addresses the
 * published guides and notices link to, checks each (HEAD, GET where HEAD is refused, redirects
 * followed by hand up to five hops, a timeout per request, two at a time, a User-Agent naming the
 * portal, nothing sent but the address), stores each address's result, and builds the report
 * editors read at /staff/guides/links. One process checks at a time: the run is claimed under a
 * lease (db/link-checks.repo.ts); the scheduled run at most once per interval across processes.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { claimLinkCheckRun, finishLinkCheckRun, forgetLinksOtherThan, linkStates, publishedGuideTexts, publishedNoticeTexts, readLinkCheckRun, saveLinkState, type LinkCheckRun } from '../db/link-checks.repo.ts';
import type { Database } from '../db/schema.ts';
import {
  classifyProbe,
  guideLinks,
  isRedirect,
  MAX_REDIRECT_HOPS,
  nextLinkState,
  noticeLinks,
  reportRows,
  targetKind,
  urlsToCheck,
  type LinkOccurrence,
  type Probe,
  type ProbeError,
  type ReportRow,
} from '../domain/content/external-links.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import type { StaffMember } from '../domain/staff/staff.ts';

/** Addresses checked at once: gentle on the sites (many links point at the same few government hosts) and on our own process. */
export const CHECK_CONCURRENCY = 2;
/** Names the portal and where it is, as a polite robot does (ASCII: a header value is). */
export function linkCheckUserAgent(publicUrl: string | undefined): string {
  return `CivilAffairsPortal-LinkChecker/1.0 (checks the links in its published guides${publicUrl ? `; +${publicUrl}/` : ''})`;
}

export interface LinkCheckSettings {
  /** How often the scheduled run checks (LINK_CHECK_INTERVAL_HOURS); 0: no scheduled run. */
  intervalMs: number;
  /** Per request (LINK_CHECK_TIMEOUT_SECONDS). */
  timeoutMs: number;
  /** The outside world: global fetch in production, a fake in tests (never the internet). */
  fetch: typeof fetch;
  userAgent: string;
}

export const DEFAULT_LINK_CHECK_SETTINGS = { intervalHours: 24, timeoutSeconds: 10 } as const;

/**
 * What a test server (NODE_ENV=test) checks with: it never reaches the internet, so every address
 * is "could not check" unless a test gives its own fetch.
 */
export const offlineFetch: typeof fetch = () => Promise.reject(new TypeError('fetch is disabled in tests', { cause: { code: 'ECONNREFUSED' } }));

export interface LinkCheckDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
  settings: LinkCheckSettings;
}

/** The member who asked for a run now, and from where (the audit entry names them). */
export interface RunActor {
  member: StaffMember;
  origin: string | null;
}

const errorCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
};

function probeError(error: unknown): ProbeError {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const code = errorCode(error);
  if (code === 'ENOTFOUND') return 'dns';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  return 'network';
}

/** One request: nothing but the address, no cookies or referrer, the body never read. */
async function request(settings: LinkCheckSettings, url: string, method: 'HEAD' | 'GET'): Promise<{ status: number; location: string | null }> {
  const response = await settings.fetch(url, {
    method,
    redirect: 'manual',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    headers: { 'user-agent': settings.userAgent, accept: '*/*' },
    signal: AbortSignal.timeout(settings.timeoutMs),
  });
  // The answer is the status; a body would only cost the other site and us.
  await response.body?.cancel().catch(() => undefined);
  return { status: response.status, location: response.headers.get('location') };
}

/** Checks one address: HEAD (GET where HEAD is refused with 405 or 501), each redirect followed by hand. */
export async function probeUrl(settings: LinkCheckSettings, url: string): Promise<Probe> {
  const hops: { url: string; status: number }[] = [];
  let current = url;
  try {
    new URL(current);
  } catch {
    return { kind: 'error', error: 'invalid_url' };
  }
  for (let hop = 0; hop <= MAX_REDIRECT_HOPS; hop += 1) {
    let answer: { status: number; location: string | null };
    try {
      answer = await request(settings, current, 'HEAD');
      if (answer.status === 405 || answer.status === 501) answer = await request(settings, current, 'GET');
    } catch (error) {
      return { kind: 'error', error: probeError(error), hops };
    }
    hops.push({ url: current, status: answer.status });
    if (!isRedirect(answer.status) || !answer.location) return { kind: 'responses', hops };
    let next: URL;
    try {
      next = new URL(answer.location, current);
    } catch {
      return { kind: 'responses', hops };
    }
    // A redirect to mailto: or another scheme: the answer stands as the last one.
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { kind: 'responses', hops };
    current = next.href;
  }
  return { kind: 'error', error: 'redirect_loop', hops };
}

/** Runs `work` on every item, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Every external link of the published content, where it is written, and the titles to name each guide and notice by. */
export async function publishedLinks(db: Kysely<Database>): Promise<{ occurrences: LinkOccurrence[]; titles: Map<string, Partial<Record<Locale, string>>> }> {
  const [guides, notices] = await Promise.all([publishedGuideTexts(db), publishedNoticeTexts(db)]);
  const titles = new Map<string, Partial<Record<Locale, string>>>();
  const title = (key: string, lang: Locale, text: string) => titles.set(key, { ...titles.get(key), [lang]: text });
  for (const guide of guides) title(`guide/${guide.slug}`, guide.lang, guide.title);
  for (const notice of notices) title(`notice/${notice.id}`, notice.lang, notice.title);
  return { occurrences: [...guides.flatMap(guideLinks), ...notices.flatMap(noticeLinks)], titles };
}

/** Leases outlast the longest run we expect (two hundred addresses, each up to six hops of two requests at the timeout, two at a time), and a dead process's run is taken over after it. */
const leaseMs = (settings: LinkCheckSettings, urls: number) => Math.max(10 * 60_000, Math.ceil(urls / CHECK_CONCURRENCY) * settings.timeoutMs * 2 * (MAX_REDIRECT_HOPS + 1));

export type RunResult = { ok: true; checked: number } | { ok: false; reason: 'check_running' | 'not_due' };

/**
 * One run: claimed under the lease (`scheduled`: only when the last one started an interval ago),
 * every distinct address checked, its result stored, addresses no longer linked forgotten. A run a
 * member asked for is audited in the transaction that claims it.
 */
export async function runLinkCheck(deps: LinkCheckDeps, trigger: { scheduled: true } | { actor: RunActor } | { cli: true }): Promise<RunResult> {
  const { occurrences } = await publishedLinks(deps.db);
  const urls = urlsToCheck(occurrences);
  const workerId = randomUUID();
  const now = deps.now();
  const claim = { workerId, now, leaseMs: leaseMs(deps.settings, urls.length) };
  let claimed: boolean;
  if ('scheduled' in trigger) {
    claimed = await claimLinkCheckRun(deps.db, { ...claim, lastStartedBefore: new Date(now.getTime() - deps.settings.intervalMs) });
    if (!claimed) return { ok: false, reason: 'not_due' };
  } else {
    claimed = await deps.db.transaction().execute(async (trx) => {
      const got = await claimLinkCheckRun(trx, claim);
      if (!got) return false;
      const actor = 'actor' in trigger ? trigger.actor : undefined;
      await appendAudit(trx, deps.kind, {
        at: now,
        actorId: actor?.member.id ?? null,
        actorRole: actor ? 'content-editor' : null,
        action: 'guide.links.check',
        recordType: 'link-check',
        recordId: 'external-links',
        origin: actor?.origin ?? ('cli' in trigger ? 'cli' : null),
        details: { addresses: urls.length },
      });
      return true;
    });
    if (!claimed) return { ok: false, reason: 'check_running' };
  }
  let checked = 0;
  try {
    const states = await linkStates(deps.db);
    await pool(urls, CHECK_CONCURRENCY, async (url) => {
      const probe = await probeUrl(deps.settings, url);
      await saveLinkState(deps.db, nextLinkState(states.get(url), url, classifyProbe(probe), deps.now()));
      checked += 1;
    });
    await forgetLinksOtherThan(deps.db, urls);
  } finally {
    await finishLinkCheckRun(deps.db, workerId, deps.now(), checked);
  }
  return { ok: true, checked };
}

export interface LinkReport {
  run: LinkCheckRun;
  rows: (ReportRow & { title: string })[];
  counts: { links: number; addresses: number; ok: number; broken: number; redirected: number; unreachable: number; unchecked: number; skipped: number };
}

/** The report: the problem links where they are written (broken, moved, could not check), when the check last ran, and the counts. */
export async function linkReport(deps: Pick<LinkCheckDeps, 'db' | 'now'>, lang: Locale): Promise<LinkReport> {
  const [{ occurrences, titles }, states, run] = await Promise.all([publishedLinks(deps.db), linkStates(deps.db), readLinkCheckRun(deps.db, deps.now())]);
  const urls = urlsToCheck(occurrences);
  const counts = { links: occurrences.length, addresses: urls.length, ok: 0, broken: 0, redirected: 0, unreachable: 0, unchecked: 0, skipped: occurrences.filter((o) => targetKind(o.url) === 'skipped').length };
  for (const url of urls) {
    const state = states.get(url);
    if (state) counts[state.result] += 1;
    else counts.unchecked += 1;
  }
  const rows = reportRows(occurrences, states).map((row) => {
    const named = titles.get(`${row.source}/${row.ref}`);
    return { ...row, title: named?.[lang] ?? named?.['zh-CN'] ?? row.ref };
  });
  return { run, rows, counts };
}
