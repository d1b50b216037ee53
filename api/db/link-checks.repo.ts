/**
 * External link checks (docs/decisions/058): the published texts the links are read from, each
 * address's last result, and the run's lease. The run is one row (`link_check_runs`): a process
 * claims it with a conditional update (free or expired lease, and, for the scheduled run, the last
 * one started at least an interval ago), so in a fleet one process checks, at most once per
 * interval; a process that died mid-run loses the lease when it expires.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { LinkResult, LinkState } from '../domain/content/external-links.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import type { Database, LinkCheckTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const RUN = 'external-links';

export interface PublishedGuideText {
  slug: string;
  lang: Locale;
  title: string;
  frontmatter: unknown;
  body: string;
}

/** The newest version of every published guide in each language (unpublished guides left out), with its Markdown. */
export async function publishedGuideTexts(db: Db): Promise<PublishedGuideText[]> {
  const rows = await db
    .selectFrom('guide_versions as g')
    .select(['g.slug', 'g.lang', 'g.title', 'g.frontmatter_json', 'g.body_md'])
    .where(({ eb, selectFrom }) =>
      eb('g.version', '=', selectFrom('guide_versions as newer').select((inner) => inner.fn.max('newer.version').as('v')).whereRef('newer.slug', '=', 'g.slug').whereRef('newer.lang', '=', 'g.lang')),
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('guide_unpublished as u').select('u.slug').whereRef('u.slug', '=', 'g.slug'))))
    .orderBy('g.slug')
    .orderBy('g.lang')
    .execute();
  return rows.map((row) => ({ slug: row.slug, lang: row.lang as Locale, title: row.title, frontmatter: JSON.parse(row.frontmatter_json) as unknown, body: row.body_md }));
}

/** Only what the check reads of a notice's stored content: its title and body in each language. */
const NoticeTexts = z.object({
  'zh-CN': z.object({ title: z.string(), body: z.string() }),
  en: z.object({ title: z.string(), body: z.string() }).nullable(),
});

export interface PublishedNoticeText {
  id: string;
  lang: Locale;
  title: string;
  body: string;
}

/** Each published notice not withdrawn, its current version's body in each language it has. */
export async function publishedNoticeTexts(db: Db): Promise<PublishedNoticeText[]> {
  const rows = await db
    .selectFrom('notices')
    .innerJoin('notice_versions', (join) => join.onRef('notice_versions.id', '=', 'notices.id').onRef('notice_versions.version', '=', 'notices.current_version'))
    .select(['notices.id', 'notice_versions.content_json'])
    .where('notices.withdrawn_at', 'is', null)
    .orderBy('notices.id')
    .execute();
  return rows.flatMap((row) => {
    const parsed = NoticeTexts.safeParse(JSON.parse(row.content_json));
    if (!parsed.success) return [];
    const texts: PublishedNoticeText[] = [{ id: row.id, lang: 'zh-CN', ...parsed.data['zh-CN'] }];
    if (parsed.data.en) texts.push({ id: row.id, lang: 'en', ...parsed.data.en });
    return texts;
  });
}

function toState(row: Selectable<LinkCheckTable>): LinkState {
  return {
    url: row.url,
    result: row.result as LinkResult,
    statusCode: row.status_code === null ? null : Number(row.status_code),
    finalUrl: row.final_url,
    reason: row.reason,
    firstFailedAt: row.first_failed_at,
    consecutiveFailures: Number(row.consecutive_failures),
    since: row.since,
    lastCheckedAt: row.last_checked_at,
  };
}

/** Every stored result, by address. */
export async function linkStates(db: Db): Promise<Map<string, LinkState>> {
  const rows = await db.selectFrom('link_checks').selectAll().execute();
  return new Map(rows.map((row) => [row.url, toState(row)]));
}

export async function saveLinkState(db: Db, state: LinkState): Promise<void> {
  const values = {
    result: state.result,
    status_code: state.statusCode,
    final_url: state.finalUrl,
    reason: state.reason,
    first_failed_at: state.firstFailedAt,
    consecutive_failures: state.consecutiveFailures,
    since: state.since,
    last_checked_at: state.lastCheckedAt,
  };
  await db
    .insertInto('link_checks')
    .values({ url: state.url, ...values })
    .onConflict((conflict) => conflict.column('url').doUpdateSet(values))
    .execute();
}

/** Forgets the addresses the published content no longer links to. */
export async function forgetLinksOtherThan(db: Db, keep: readonly string[]): Promise<number> {
  let query = db.deleteFrom('link_checks');
  if (keep.length > 0) query = query.where('url', 'not in', [...keep]);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface LinkCheckRun {
  startedAt: string | null;
  finishedAt: string | null;
  checked: number;
  /** A run holds the lease now (started, not finished, not expired). */
  running: boolean;
}

export async function readLinkCheckRun(db: Db, now: Date): Promise<LinkCheckRun> {
  const row = await db.selectFrom('link_check_runs').selectAll().where('name', '=', RUN).executeTakeFirst();
  if (!row) return { startedAt: null, finishedAt: null, checked: 0, running: false };
  return { startedAt: row.started_at, finishedAt: row.finished_at, checked: Number(row.checked), running: Boolean(row.locked_by && row.locked_until && row.locked_until > now.toISOString()) };
}

export interface RunClaim {
  workerId: string;
  now: Date;
  leaseMs: number;
  /** For the scheduled run: claimed only when the last run started at or before this moment. Absent for a run asked for now. */
  lastStartedBefore?: Date;
}

/**
 * Claims the run for `workerId`: true when this process is to check now. One conditional update,
 * so two processes claiming at once never both get it (PostgreSQL re-reads the row once the first
 * commits; SQLite writes one transaction at a time). Call inside the transaction that audits a run
 * asked for by a member.
 */
export async function claimLinkCheckRun(db: Db, claim: RunClaim): Promise<boolean> {
  const now = claim.now.toISOString();
  await db.insertInto('link_check_runs').values({ name: RUN, checked: 0 }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
  let update = db
    .updateTable('link_check_runs')
    .set({ locked_by: claim.workerId, locked_until: new Date(claim.now.getTime() + claim.leaseMs).toISOString(), started_at: now })
    .where('name', '=', RUN)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]));
  if (claim.lastStartedBefore) {
    const before = claim.lastStartedBefore.toISOString();
    update = update.where((eb) => eb.or([eb('started_at', 'is', null), eb('started_at', '<=', before)]));
  }
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends the run `workerId` holds: when it finished and how many addresses it checked; false when the lease had passed to another. */
export async function finishLinkCheckRun(db: Db, workerId: string, finishedAt: Date, checked: number): Promise<boolean> {
  const result = await db
    .updateTable('link_check_runs')
    .set({ locked_by: null, locked_until: null, finished_at: finishedAt.toISOString(), checked })
    .where('name', '=', RUN)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
