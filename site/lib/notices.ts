/**
 * The notice pages' view of the API (docs/decisions/045): a village's or community's board, found
 * through the relief areas (areas.ts: district → township → community), and objections to a notice.
 * Every notice page is kept out of search engines and caches (`unlisted`).
 */
import type { AstroGlobal } from 'astro';
import { RELIEF_TOWNSHIPS, townshipOf, type ReliefTownship } from '../../api/services/social-relief/areas.ts';
import { UnexpectedApiAnswer } from './api.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export const NOTICE_LISTS = ['notice', 'announcement'] as const;
export type NoticeList = (typeof NOTICE_LISTS)[number];
export const noticeListOf = (value: string | undefined): NoticeList | undefined => NOTICE_LISTS.find((list) => list === value);

/** The base path of the relief boards (a page per community, reached from the list of communities). */
export const NOTICES_PATH = '/notices/relief';

export interface BoardEntry {
  id: string;
  list: NoticeList;
  maskedName: string;
  householdSize: number;
  kind: string;
  amountFen: number | null;
  fromDay: string;
  toDay: string;
  objectionOpen: boolean;
}

/** The districts with their townships, in the order areas.ts gives them. */
export function districtsWithTownships(): { district: string; townships: ReliefTownship[] }[] {
  const districts = [...new Set(RELIEF_TOWNSHIPS.map((township) => township.district))];
  return districts.map((district) => ({ district, townships: RELIEF_TOWNSHIPS.filter((township) => township.district === district) }));
}

/** The community's township and district, or undefined for a name that is not a community. */
export function communityPlace(community: string | undefined): { community: string; township: string; district: string } | undefined {
  const township = community ? townshipOf(community) : undefined;
  return community && township ? { community, township: township.id, district: township.district } : undefined;
}

/** Not for search engines, not for caches: a notice is for the people of one place, for its days only. */
export function unlisted(astro: Pick<AstroGlobal, 'response'>): void {
  astro.response.headers.set('cache-control', 'no-store');
  astro.response.headers.set('x-robots-tag', 'noindex, nofollow');
}

export async function boardOf(astro: Astro, place: string, list: NoticeList): Promise<{ today: string; entries: BoardEntry[] }> {
  const response = await astro.locals.portal.api.notices[':place'].$get({ param: { place }, query: { list } });
  if (response.status !== 200) throw new UnexpectedApiAnswer(`GET /notices/${place} answered ${response.status}`);
  const body = (await response.json()) as { today: string; entries: BoardEntry[] };
  return { today: body.today, entries: body.entries };
}

export type ObjectionAnswer =
  | { ok: true }
  | { ok: false; status: number; message: string; fields: { field: string; message: string }[] };

export async function sendObjection(astro: Astro, entry: string, objection: { text: string; name: string; contact: string }): Promise<ObjectionAnswer> {
  // A blank optional field is not sent: nobody gave it.
  const json = { text: objection.text, ...(objection.name.trim() ? { name: objection.name } : {}), ...(objection.contact.trim() ? { contact: objection.contact } : {}) };
  const response = await astro.locals.portal.api.notices.entries[':entry'].objections.$post({ param: { entry }, json });
  if (response.status === 201) return { ok: true };
  const body = (await response.json().catch(() => ({ error: { message: '' } }))) as { error: { message: string; fields?: { field: string; message: string }[] } };
  return { ok: false, status: response.status, message: body.error.message, fields: body.error.fields ?? [] };
}
