/**
 * Notices (通知公告, docs/decisions/056): their append-only versions, and each published notice's
 * current state, which the public list reads. Their drafts are the editorial engine's
 * (editorial-drafts.repo.ts, docs/decisions/057).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { NoticeContentSchema, type NoticeContent } from '../domain/notices/notice.ts';
import type { Database, NoticeTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NoticeVersion {
  id: string;
  version: number;
  content: NoticeContent;
  changeNote: Record<Locale, string> | null;
  changeKind: 'major' | 'minor' | null;
  publishedBy: string;
  approvedBy: string | null;
  publishedAt: string;
}

export interface PublishedNoticeRow {
  id: string;
  version: number;
  content: NoticeContent;
  firstPublishedAt: string;
  updatedAt: string;
  languageUpdatedAt: { 'zh-CN': string; en: string | null };
  withdrawn: { at: string; by: string; reason: string; note: Partial<Record<Locale, string>> } | null;
}

const parseContent = (json: string): NoticeContent => NoticeContentSchema.parse(JSON.parse(json));

export async function noticeVersions(db: Db, id: string): Promise<NoticeVersion[]> {
  const rows = await db.selectFrom('notice_versions').selectAll().where('id', '=', id).orderBy('version').execute();
  return rows.map((row) => ({
    id: row.id,
    version: Number(row.version),
    content: parseContent(row.content_json),
    changeNote: row.change_note ? (JSON.parse(row.change_note) as Record<Locale, string>) : null,
    changeKind: row.change_kind === 'major' || row.change_kind === 'minor' ? row.change_kind : null,
    publishedBy: row.published_by,
    approvedBy: row.approved_by,
    publishedAt: row.published_at,
  }));
}

/**
 * In the publishing transaction: the next version of the notice, and the notice's current state
 * moved to it (a withdrawn notice published again is back). The version written.
 */
export async function insertNoticeVersion(
  trx: Transaction<Database>,
  entry: { id: string; content: NoticeContent; changeNote: Record<Locale, string> | null; changeKind: 'major' | 'minor' | null; publishedBy: string; approvedBy: string | null; changed: readonly Locale[] },
  at: Date,
): Promise<number> {
  const last = await trx.selectFrom('notice_versions').select((eb) => eb.fn.max('version').as('version')).where('id', '=', entry.id).executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  const iso = at.toISOString();
  await trx
    .insertInto('notice_versions')
    .values({ id: entry.id, version, content_json: JSON.stringify(entry.content), change_note: entry.changeNote ? JSON.stringify(entry.changeNote) : null, change_kind: entry.changeKind, published_by: entry.publishedBy, approved_by: entry.approvedBy, published_at: iso })
    .execute();
  const current = await trx.selectFrom('notices').select(['zh_updated_at', 'en_updated_at']).where('id', '=', entry.id).executeTakeFirst();
  const zhAt = entry.changed.includes('zh-CN') || !current ? iso : current.zh_updated_at;
  const enAt = entry.content.en === null ? null : entry.changed.includes('en') || !current ? iso : current.en_updated_at;
  const columns = { current_version: version, date: entry.content.date, office: entry.content.office, service: entry.content.service, updated_at: iso, zh_updated_at: zhAt, en_updated_at: enAt, withdrawn_at: null, withdrawn_by: null, withdrawn_reason: null, withdrawn_note: null };
  if (current) await trx.updateTable('notices').set(columns).where('id', '=', entry.id).execute();
  else await trx.insertInto('notices').values({ id: entry.id, first_published_at: iso, ...columns }).execute();
  return version;
}

/** Marks a published notice withdrawn; false when there is no such notice. */
export async function markNoticeWithdrawn(trx: Transaction<Database>, id: string, withdrawal: { at: Date; by: string; reason: string; note: Partial<Record<Locale, string>> }): Promise<boolean> {
  const result = await trx
    .updateTable('notices')
    .set({ withdrawn_at: withdrawal.at.toISOString(), withdrawn_by: withdrawal.by, withdrawn_reason: withdrawal.reason, withdrawn_note: JSON.stringify(withdrawal.note) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type JoinedRow = NoticeTable & { content_json: string };

function toPublished(row: JoinedRow): PublishedNoticeRow {
  return {
    id: row.id,
    version: Number(row.current_version),
    content: parseContent(row.content_json),
    firstPublishedAt: row.first_published_at,
    updatedAt: row.updated_at,
    languageUpdatedAt: { 'zh-CN': row.zh_updated_at, en: row.en_updated_at },
    withdrawn:
      row.withdrawn_at && row.withdrawn_by
        ? { at: row.withdrawn_at, by: row.withdrawn_by, reason: row.withdrawn_reason ?? '', note: row.withdrawn_note ? (JSON.parse(row.withdrawn_note) as Partial<Record<Locale, string>>) : {} }
        : null,
  };
}

const joined = (db: Db) =>
  db
    .selectFrom('notices')
    .innerJoin('notice_versions', (join) => join.onRef('notice_versions.id', '=', 'notices.id').onRef('notice_versions.version', '=', 'notices.current_version'))
    .selectAll('notices')
    .select('notice_versions.content_json');

export async function readPublishedNotice(db: Db, id: string): Promise<PublishedNoticeRow | undefined> {
  const row = await joined(db).where('notices.id', '=', id).executeTakeFirst();
  return row ? toPublished(row) : undefined;
}

export interface NoticeFilter {
  office?: string | undefined;
  service?: string | undefined;
}

/** Published notices not withdrawn, newest 发布日期 first (then the newest published), a page at a time. */
export async function listPublishedNotices(db: Db, filter: NoticeFilter, page: { offset: number; limit: number }): Promise<{ total: number; notices: PublishedNoticeRow[] }> {
  let query = joined(db).where('notices.withdrawn_at', 'is', null);
  let count = db.selectFrom('notices').select(sql<number>`count(*)`.as('total')).where('withdrawn_at', 'is', null);
  if (filter.office) {
    query = query.where('notices.office', '=', filter.office);
    count = count.where('office', '=', filter.office);
  }
  if (filter.service) {
    query = query.where('notices.service', '=', filter.service);
    count = count.where('service', '=', filter.service);
  }
  const [rows, total] = await Promise.all([
    query.orderBy('notices.date', 'desc').orderBy('notices.first_published_at', 'desc').orderBy('notices.id').offset(page.offset).limit(page.limit).execute(),
    count.executeTakeFirst(),
  ]);
  return { total: Number(total?.total ?? 0), notices: rows.map(toPublished) };
}

/** Every notice ever published, withdrawn ones too, for the editors' list. */
export async function listAllNotices(db: Db): Promise<PublishedNoticeRow[]> {
  const rows = await joined(db).orderBy('notices.date', 'desc').orderBy('notices.first_published_at', 'desc').execute();
  return rows.map(toPublished);
}
