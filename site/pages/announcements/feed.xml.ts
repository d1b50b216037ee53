/**
 * The notices' Atom feed (RFC 4287, docs/decisions/056): /announcements/feed.xml in Chinese,
 * /en/announcements/feed.xml in English (a notice without English appears in Chinese, marked so
 * with xml:lang). Ids and links are absolute on the public origin (PUBLIC_URL). Cached as the
 * pages are: a publication changes the content version, and the cache with it.
 */
import type { APIRoute } from 'astro';
import { translator } from '../../../api/i18n/index.ts';
import { localizedHref } from '../../lib/page-context.ts';
import { ANNOUNCEMENTS_PATH, atomFeed, FEED_PATH, listNotices } from '../../lib/announcements.ts';

export const GET: APIRoute = async (context) => {
  const { lang, origin, now } = context.locals.portal;
  const t = translator(lang);
  const page = await listNotices(context, { page: 1, perPage: 50 });
  const body = atomFeed({
    origin,
    lang,
    title: `${t('notices.title')} - ${t('site.name')}`,
    selfPath: localizedHref(FEED_PATH, lang),
    pagePath: localizedHref(ANNOUNCEMENTS_PATH, lang),
    entryPath: (id) => localizedHref(`${ANNOUNCEMENTS_PATH}/${id}`, lang),
    author: t('site.bureau'),
    notices: page.notices,
    updatedFallback: now.toISOString(),
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'x-portal-cache': 'content' } });
};
