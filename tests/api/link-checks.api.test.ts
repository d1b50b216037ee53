/**
 * The external link check through the API (docs/decisions/058), on SQLite and PostgreSQL, with a
 * fake outside world (the test runtime's fetch): a run sees ok, 404, a permanent redirect, a
 * timeout and a site refusing HEAD; the report orders broken, moved, could-not-check; a link that
 * could not be checked three runs in a row is broken; two runs at once check each address once;
 * the scheduled run comes at most once per interval; only content editors, the run audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinkCheck } from '../../api/content/link-checks.ts';
import { publishGuides } from '../../api/db/guides.repo.ts';
import type { Locale } from '../../api/domain/guides/guide.schema.ts';
import type { LinkCheckRunView, LinkReportView } from '../../api/routes/link-checks.routes.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const OK = 'https://ok.example.gov.cn/';
const GONE = 'https://gone.example.gov.cn/page';
const MOVED = 'https://moved.example.gov.cn/old';
const MOVED_TO = 'https://moved.example.gov.cn/new';
const SLOW = 'https://slow.example.gov.cn/';
const NO_HEAD = 'https://nohead.example.gov.cn/policy';

interface Seen {
  url: string;
  method: string;
  redirect: RequestRedirect | undefined;
  headers: Record<string, string>;
  body: unknown;
}

/** The outside world: each address answers as its name says; every request is recorded. */
function fakeInternet() {
  const seen: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    seen.push({ url, method, redirect: init?.redirect, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: init?.body });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url === SLOW) {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(signal.reason as Error));
      });
    }
    if (url === OK) return new Response(null, { status: 200 });
    if (url === GONE) return new Response(null, { status: 404 });
    if (url === MOVED) return new Response(null, { status: 301, headers: { location: '/new' } });
    if (url === MOVED_TO) return new Response(null, { status: 200 });
    if (url === NO_HEAD) return new Response(method === 'HEAD' ? null : 'policy', { status: method === 'HEAD' ? 405 : 200 });
    return new Response(null, { status: 500 });
  };
  return { fetch, seen };
}

describe.each(DIALECTS)('external link checks on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-12-12T02:00:00Z');
  const internet = fakeInternet();
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en' });
  const as = staff.request;

  /** Publishes a new version of a guide's language whose body and legal basis link out. */
  async function publishWithLinks(slug: string, lang: Locale, body: string, legalNote: string) {
    const row = await runtime.database.db.selectFrom('guide_versions').selectAll().where('slug', '=', slug).where('lang', '=', lang).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    const frontmatter = JSON.parse(row.frontmatter_json) as { legalBasis: { document: string; note?: string }[] };
    frontmatter.legalBasis[0] = { ...frontmatter.legalBasis[0], document: frontmatter.legalBasis[0]?.document ?? '', note: legalNote };
    await publishGuides(runtime.database.db, [{ lang, frontmatter: frontmatter as never, bodyMd: body, bodyHtml: '<p></p>', contentHash: `links-${slug}-${lang}`, source: 'staff' }], clock);
  }
  const report = async (): Promise<LinkReportView> => (await (await as('editor', '/staff/guides/links')).json()) as LinkReportView;
  const runNow = () => as('editor', '/staff/guides/links/run', { method: 'POST' });
  /** Moves the clock on (a day: the next run), the editor signed in again as a session lapses. */
  async function later(ms = 86_400_000) {
    clock = new Date(clock.getTime() + ms);
    await staff.signIn('editor');
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => clock, linkChecks: { fetch: internet.fetch, timeoutMs: 100, intervalMs: 24 * 3_600_000 } });
    await staff.member('editor', ['content-editor']);
    await staff.member('clerk', ['intake']);
    await staff.member('admin', ['system-admin']);
    await publishWithLinks('minimum-living-allowance', 'zh-CN', `详见[民政部](${OK})和[旧政策](${GONE})。\n\n写信：[邮箱](mailto:mz@example.gov.cn)`, `原文：${MOVED}`);
    await publishWithLinks('minimum-living-allowance', 'en', `See [the ministry](${OK}) and <${SLOW}>.`, `Text: ${NO_HEAD}`);
    await publishWithLinks('basic-funeral-services', 'zh-CN', `[旧政策](${GONE})`, '无');
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('reports nothing checked before the first run, and refuses anyone but a content editor', async () => {
    const before = await report();
    expect(before.lastRun).toBeNull();
    expect(before.entries).toEqual([]);
    expect(before.counts).toMatchObject({ addresses: 5, unchecked: 5, skipped: 1 });
    for (const username of ['clerk', 'admin']) {
      expect((await as(username, '/staff/guides/links')).status, username).toBe(403);
      expect((await as(username, '/staff/guides/links/run', { method: 'POST' })).status, username).toBe(403);
    }
    expect(internet.seen).toEqual([]);
  });

  it('checks every address once, politely, and reports broken, then moved, then could-not-check; audited', async () => {
    const response = await runNow();
    expect(response.status).toBe(200);
    const ran = (await response.json()) as LinkCheckRunView;
    expect(ran.checked).toBe(5);

    // HEAD first; GET only where HEAD was refused; the redirect followed by hand; nothing but the address sent.
    expect(internet.seen.map((request) => `${request.method} ${request.url}`).sort()).toEqual(
      [`HEAD ${OK}`, `HEAD ${GONE}`, `HEAD ${MOVED}`, `HEAD ${MOVED_TO}`, `HEAD ${SLOW}`, `HEAD ${NO_HEAD}`, `GET ${NO_HEAD}`].sort(),
    );
    for (const request of internet.seen) {
      expect(request.redirect).toBe('manual');
      expect(request.body).toBeUndefined();
      expect(request.headers['user-agent']).toMatch(/^CivilAffairsPortal-LinkChecker\//);
      expect(Object.keys(request.headers).sort()).toEqual(['accept', 'user-agent']);
    }

    expect(ran.entries.map((entry) => `${entry.result} ${entry.ref} ${entry.lang} ${entry.field} ${entry.url}`)).toEqual([
      `broken basic-funeral-services zh-CN body ${GONE}`,
      `broken minimum-living-allowance zh-CN body ${GONE}`,
      `redirected minimum-living-allowance zh-CN legalBasis.0.note ${MOVED}`,
      `unreachable minimum-living-allowance en body ${SLOW}`,
    ]);
    const [gone, , moved, slow] = ran.entries;
    expect(gone).toMatchObject({ statusCode: 404, status: 'HTTP 404', since: clock.toISOString(), consecutiveFailures: 1 });
    expect(moved).toMatchObject({ statusCode: 301, finalUrl: MOVED_TO, status: 'Moved permanently (HTTP 301)' });
    expect(slow).toMatchObject({ reason: 'timeout', status: 'No answer in time', statusCode: null });
    expect(ran.counts).toMatchObject({ addresses: 5, ok: 2, broken: 1, redirected: 1, unreachable: 1, unchecked: 0, skipped: 1 });
    expect(ran.lastRun).toMatchObject({ startedAt: clock.toISOString(), checked: 5 });
    expect(ran.running).toBe(false);

    const audit = await runtime.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'guide.links.check').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: 'content-editor', record_type: 'link-check' });
  });

  it('reports an address that could not be checked three runs in a row as broken, since its first failure', async () => {
    const first = clock.toISOString();
    for (let day = 0; day < 2; day += 1) {
      await later();
      expect((await runNow()).status).toBe(200);
    }
    const after = await report();
    const slow = after.entries.find((entry) => entry.url === SLOW);
    expect(slow).toMatchObject({ result: 'broken', consecutiveFailures: 3, since: first, status: 'No answer in time' });
    expect(after.entries.map((entry) => entry.result)).toEqual(['broken', 'broken', 'broken', 'redirected']);
    // The longest-standing first: the 404s and the timeout all began on the first run.
    expect(after.entries.every((entry) => entry.result !== 'broken' || entry.since === first)).toBe(true);
  });

  it('checks each address once when two runs are asked for at once: the second is told a check is running', async () => {
    internet.seen.length = 0;
    await later();
    const [a, b] = await Promise.all([runNow(), runNow()]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('check_running');
    const heads = internet.seen.filter((request) => request.method === 'HEAD').map((request) => request.url);
    expect(heads.sort()).toEqual([OK, GONE, MOVED, MOVED_TO, SLOW, NO_HEAD].sort());
  });

  it('runs the scheduled check at most once per interval, across processes', async () => {
    internet.seen.length = 0;
    const other = await createTestRuntime(kind, { sharedWith: runtime, now: () => clock });
    try {
      const deps = (r: TestRuntime) => ({ db: r.database.db, kind, now: () => clock, settings: runtime.portal.linkChecks });
      // The last run (a member's) started a moment ago: not due in either process.
      expect(await runLinkCheck(deps(runtime), { scheduled: true })).toEqual({ ok: false, reason: 'not_due' });
      await later(24 * 3_600_000);
      const [one, two] = await Promise.all([runLinkCheck(deps(runtime), { scheduled: true }), runLinkCheck(deps(other), { scheduled: true })]);
      expect([one.ok, two.ok].sort()).toEqual([false, true]);
      expect(internet.seen.filter((request) => request.method === 'HEAD')).toHaveLength(6);
      await later(3_600_000);
      expect(await runLinkCheck(deps(other), { scheduled: true })).toEqual({ ok: false, reason: 'not_due' });
    } finally {
      await other.dispose();
    }
  });

  it('forgets addresses no longer linked, and names the guide in the reader’s language', async () => {
    await publishWithLinks('basic-funeral-services', 'zh-CN', '没有外部链接了。', '无');
    await later();
    const ran = (await (await runNow()).json()) as LinkCheckRunView;
    expect(ran.entries.filter((entry) => entry.ref === 'basic-funeral-services')).toEqual([]);
    const zh = (await (await as('editor', '/staff/guides/links', { lang: 'zh-CN' })).json()) as LinkReportView;
    expect(zh.entries.find((entry) => entry.url === GONE)?.status).toBe('HTTP 404');
    expect(zh.entries.find((entry) => entry.url === SLOW)?.status).toBe('超时无应答');
    expect(zh.entries.find((entry) => entry.result === 'redirected')?.status).toBe('已永久迁移（HTTP 301）');
    const stored = await runtime.database.db.selectFrom('link_checks').select('url').execute();
    expect(stored.map((row) => row.url).sort()).toEqual([OK, GONE, MOVED, SLOW, NO_HEAD].sort());
  });
});
