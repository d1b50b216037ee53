/**
 * The pages' calls to the notices API (通知公告, docs/decisions/056), in process through `apiFetch`
 * (these operations are outside the typed client's type, at the compiler's limit), each answer
 * typed by its route's schema. Public readers and staff editors both come through here.
 */
import type { AstroGlobal } from 'astro';
import type { EditorsNoticesView, NoticeDiffView, NoticeDraftView, NoticePageView, PublicNoticeView } from '../../api/routes/announcements.routes.ts';
import { UnexpectedApiAnswer } from './api.ts';
import { call, draftCalls } from './editorial-drafts.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { EditorsNoticesView, NoticeDiffView, NoticeDraftView, NoticePageView, PublicNoticeView };

/** Where notices live: beside the relief boards' /notices/relief, which keep their address. */
export const ANNOUNCEMENTS_PATH = '/announcements';
export const FEED_PATH = '/announcements/feed.xml';

/** A page of published notices in the reader's language, newest first (optionally one office's or service's). */
export async function listNotices(astro: Astro, options: { page?: number; perPage?: number; office?: string; service?: string } = {}): Promise<NoticePageView> {
  const query = new URLSearchParams({ lang: astro.locals.portal.lang, page: String(options.page ?? 1), perPage: String(options.perPage ?? 20) });
  if (options.office) query.set('office', options.office);
  if (options.service) query.set('service', options.service);
  const answer = await call<NoticePageView>(astro, `/announcements?${query.toString()}`);
  if (!answer.ok) throw new UnexpectedApiAnswer(`GET /announcements answered ${answer.status}`);
  return answer.body;
}

export type NoticePage = { found: 'notice'; notice: PublicNoticeView } | { found: 'withdrawn'; at: string; note: string | null; lang: 'zh-CN' | 'en' } | { found: 'none' };

/** One notice for its page: the notice, its withdrawal (the page answers 410), or nothing (404). */
export async function noticePage(astro: Astro, id: string): Promise<NoticePage> {
  const response = await astro.locals.portal.apiFetch(`/announcements/${encodeURIComponent(id)}?lang=${astro.locals.portal.lang}`, { method: 'GET' });
  if (response.status === 200) return { found: 'notice', notice: (await response.json()) as PublicNoticeView };
  if (response.status === 410) {
    const body = (await response.json()) as { withdrawn: { at: string; note: string | null; lang: 'zh-CN' | 'en' } };
    return { found: 'withdrawn', ...body.withdrawn };
  }
  if (response.status === 404 || response.status === 422) return { found: 'none' };
  throw new UnexpectedApiAnswer(`GET /announcements/${id} answered ${response.status}`);
}

const at = (id: string) => `/staff/announcements/${encodeURIComponent(id)}`;

export const editorsNotices = (astro: Astro) => call<EditorsNoticesView>(astro, '/staff/announcements');
export const createNotice = (astro: Astro, content: unknown) => call<NoticeDraftView>(astro, '/staff/announcements', { method: 'POST', body: { content } });
const drafts = (id: string) => draftCalls<NoticeDraftView, { id: string; version: number }>(at(id));
export const noticeDraft = (astro: Astro, id: string) => drafts(id).read(astro);
export const saveNoticeDraft = (astro: Astro, id: string, version: number, content: unknown) => drafts(id).save(astro, version, content);
export const noticeDiff = (astro: Astro, id: string) => call<NoticeDiffView>(astro, `${at(id)}/diff`);
export const withdrawNotice = (astro: Astro, id: string, body: Record<string, unknown>) => call<{ id: string; withdrawn: true }>(astro, `${at(id)}/withdraw`, { method: 'POST', body });

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const xmlEscape = (value: string): string => value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);

/**
 * An Atom feed (RFC 4287) of notices: the feed's and each entry's id their absolute address on the
 * public origin (stable: a notice keeps its address when corrected), `updated` the last publication.
 */
export function atomFeed(options: { origin: string; lang: string; title: string; selfPath: string; pagePath: string; entryPath: (id: string) => string; author: string; notices: readonly PublicNoticeView[]; updatedFallback: string }): string {
  const url = (path: string) => new URL(path, options.origin).href;
  const updated = options.notices.reduce((latest, notice) => (notice.updatedAt > latest ? notice.updatedAt : latest), options.notices[0]?.updatedAt ?? options.updatedFallback);
  const entries = options.notices.map((notice) =>
    [
      '  <entry>',
      `    <id>${xmlEscape(url(options.entryPath(notice.id)))}</id>`,
      `    <title xml:lang="${notice.lang}">${xmlEscape(notice.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url(options.entryPath(notice.id)))}"/>`,
      `    <published>${xmlEscape(notice.firstPublishedAt)}</published>`,
      `    <updated>${xmlEscape(notice.updatedAt)}</updated>`,
      `    <author><name>${xmlEscape(notice.publisher)}</name></author>`,
      `    <summary type="text" xml:lang="${notice.lang}">${xmlEscape(notice.body.slice(0, 280))}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.lang}">`,
    `  <id>${xmlEscape(url(options.selfPath))}</id>`,
    `  <title>${xmlEscape(options.title)}</title>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    `  <author><name>${xmlEscape(options.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(url(options.selfPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(url(options.pagePath))}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The editor's form fields (one form for both languages and the metadata: a notice is short). */
export const NOTICE_FORM_FIELDS = ['titleZh', 'publisherZh', 'bodyZh', 'titleEn', 'publisherEn', 'bodyEn', 'date', 'indexNumber', 'office', 'service', 'example'] as const;
export type NoticeFormValues = Record<(typeof NOTICE_FORM_FIELDS)[number], string>;

/** A draft's content as the form's values. */
export function noticeFormValues(content: NoticeDraftView['content'] | undefined, today: string): NoticeFormValues {
  return {
    titleZh: content?.['zh-CN'].title ?? '',
    publisherZh: content?.['zh-CN'].publisher ?? '',
    bodyZh: content?.['zh-CN'].body ?? '',
    titleEn: content?.en?.title ?? '',
    publisherEn: content?.en?.publisher ?? '',
    bodyEn: content?.en?.body ?? '',
    date: content?.date ?? today,
    indexNumber: content?.indexNumber ?? '',
    office: content?.office ?? '',
    service: content?.service ?? '',
    example: content?.example ? 'yes' : '',
  };
}

/** What was posted, kept as typed (nothing lost when a field is refused). */
export function readNoticeForm(form: FormData): NoticeFormValues {
  const field = (name: string) => String(form.get(name) ?? '').slice(0, 6000);
  return Object.fromEntries(NOTICE_FORM_FIELDS.map((name) => [name, field(name)])) as NoticeFormValues;
}

/**
 * The content the API checks: the English is null when all of its fields are empty (it may follow
 * later); an empty index number, office or service is none. The API's schema says what is wrong.
 */
export function noticeContentFrom(values: NoticeFormValues): Record<string, unknown> {
  const english = [values.titleEn, values.publisherEn, values.bodyEn].some((value) => value.trim() !== '');
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    'zh-CN': { title: values.titleZh, publisher: values.publisherZh, body: values.bodyZh },
    en: english ? { title: values.titleEn, publisher: values.publisherEn, body: values.bodyEn } : null,
    date: values.date.trim(),
    indexNumber: orNull(values.indexNumber),
    office: orNull(values.office),
    service: orNull(values.service),
    example: values.example === 'yes',
  };
}

/** An API field (content.zh-CN.title, content.office…) as the form's field name. */
export function noticeFormField(apiField: string): string {
  const path = apiField.replace(/^content\./, '');
  const byLanguage = /^(zh-CN|en)\.(title|publisher|body)$/.exec(path);
  if (byLanguage) return `${byLanguage[2]}${byLanguage[1] === 'en' ? 'En' : 'Zh'}`;
  if (path === 'en') return 'titleEn';
  return (NOTICE_FORM_FIELDS as readonly string[]).includes(path) ? path : 'titleZh';
}
