/**
 * External links in published content and what a check of one means (docs/decisions/058). Internal
 * links are checked when a guide is saved (../guides/editor-checks.ts); a link to another site can
 * break any day after, so a job checks them and editors read a report.
 *
 * - Extraction: every link target in a guide's Markdown body (links, images, `<autolinks>`) and
 *   every http(s) address written in its frontmatter's text (legal basis sources, places, notes:
 *   the strings are walked, so a field added later is covered), and in a notice's plain-text body;
 *   each with where it was found (guide or notice, language, field).
 * - Classification of one check (a chain of responses, or an error): ok, moved permanently (a
 *   warning with the new address), broken, or "could not check" (a timeout, a 5xx, a refusal to
 *   robots), which only counts as broken after `FAILURES_BEFORE_BROKEN` runs in a row: government
 *   sites are often slow or down for an evening.
 *
 * Pure: no network, no clock (the moment is an argument).
 */
import MarkdownIt from 'markdown-it';
import type { Locale } from '../guides/guide.schema.ts';

/** Where a link was found. */
export interface LinkOccurrence {
  url: string;
  source: 'guide' | 'notice';
  /** The guide's slug or the notice's id. */
  ref: string;
  lang: Locale;
  /** `body`, `legalBasis.0.note`, `locations.1.address`… */
  field: string;
}

/** What to do with a link target: check it over http(s), or leave it (mailto:, tel:, another scheme). */
export type TargetKind = 'check' | 'skipped' | 'internal';

/** Runs in a row of "could not check" after which a link is reported broken. */
export const FAILURES_BEFORE_BROKEN = 3;
/** Redirects followed before giving up (a loop, or a chain no reader's browser would follow either). */
export const MAX_REDIRECT_HOPS = 5;

// The body is parsed as the site renders it (guide-text.ts: no raw HTML, no bare-URL linkify).
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
/** An address written in text: up to a space, a bracket, a quote or Chinese punctuation. */
const TEXT_URL = /https?:\/\/[^\s<>"'`{}|\\^[\]，。；、（）《》「」“”‘’！？：]+/gi;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function targetKind(target: string): TargetKind {
  const trimmed = target.trim();
  if (/^https?:\/\//i.test(trimmed)) return 'check';
  if (trimmed.startsWith('//')) return 'check';
  if (SCHEME.test(trimmed)) return 'skipped';
  return 'internal';
}

/** Trailing punctuation a sentence puts after an address, and a closing bracket it never opened. */
function trimTextUrl(url: string): string {
  let trimmed = url.replace(/[.,;:!?]+$/, '');
  while (trimmed.endsWith(')') && (trimmed.match(/\(/g) ?? []).length < (trimmed.match(/\)/g) ?? []).length) trimmed = trimmed.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return trimmed;
}

/** The http(s) addresses written in plain text. */
export function textUrls(text: string): string[] {
  return [...text.matchAll(TEXT_URL)].map((match) => trimTextUrl(match[0])).filter((url) => /^https?:\/\/[^/]/i.test(url));
}

/** Every link and image target in a Markdown body that is not a path of this site. */
export function bodyTargets(body: string): string[] {
  const found: string[] = [];
  type Token = ReturnType<typeof markdown.parse>[number];
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const attribute = token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null;
      const target = attribute === null ? null : String(attribute);
      if (target && targetKind(target) !== 'internal') found.push(target.startsWith('//') ? `https:${target}` : target);
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(body, {}));
  return found;
}

/** Every string inside a value, with its dotted path (`legalBasis.0.note`). */
export function walkStrings(value: unknown, path = ''): { field: string; text: string }[] {
  if (typeof value === 'string') return [{ field: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => walkStrings(item, path ? `${path}.${index}` : String(index)));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => walkStrings(item, path ? `${path}.${key}` : key));
  return [];
}

/** A published guide's language as stored: its frontmatter (any shape: its strings are walked) and Markdown body. */
export interface GuideText {
  slug: string;
  lang: Locale;
  frontmatter: unknown;
  body: string;
}

/** The external links of one language of a guide: the body's, then the frontmatter's in field order. */
export function guideLinks(guide: GuideText): LinkOccurrence[] {
  const at = (field: string) => (url: string): LinkOccurrence => ({ url, source: 'guide', ref: guide.slug, lang: guide.lang, field });
  const body = bodyTargets(guide.body).map(at('body'));
  const frontmatter = walkStrings(guide.frontmatter).flatMap(({ field, text }) => textUrls(text).map(at(field)));
  return dedupe([...body, ...frontmatter]);
}

/** A published notice's text in one language (plain text: addresses are found as written). */
export interface NoticeText {
  id: string;
  lang: Locale;
  body: string;
}

export function noticeLinks(notice: NoticeText): LinkOccurrence[] {
  return dedupe(textUrls(notice.body).map((url) => ({ url, source: 'notice' as const, ref: notice.id, lang: notice.lang, field: 'body' })));
}

function dedupe(occurrences: LinkOccurrence[]): LinkOccurrence[] {
  const seen = new Set<string>();
  return occurrences.filter((occurrence) => {
    const key = `${occurrence.field}\u0000${occurrence.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The address a check requests and results are stored under: parsed and written back (host lower
 * case, spaces escaped), the fragment dropped (it never reaches the server). Undefined when it is no
 * http(s) address at all.
 */
export function normaliseUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

/** The distinct addresses to check among the occurrences (the skipped schemes left out). */
export function urlsToCheck(occurrences: readonly LinkOccurrence[]): string[] {
  const urls = new Set<string>();
  for (const occurrence of occurrences) if (targetKind(occurrence.url) === 'check') urls.add(normaliseUrl(occurrence.url) ?? occurrence.url.trim());
  return [...urls].sort();
}

// ---------------------------------------------------------------------------------------------
// One check, and what it means.

/** What a check saw: the responses of each hop (the last is where it ended), or why there was no answer. */
export type Probe =
  | { kind: 'responses'; hops: readonly { url: string; status: number }[] }
  | { kind: 'error'; error: ProbeError; hops?: readonly { url: string; status: number }[] };

/** `dns`: the host does not exist; `timeout`: no answer in time; `network`: refused, reset, TLS; `redirect_loop`: more hops than MAX_REDIRECT_HOPS; `invalid_url`: not an address. */
export type ProbeError = 'dns' | 'timeout' | 'network' | 'redirect_loop' | 'invalid_url';

/** One check's verdict before the history is taken into account. */
export type CheckVerdict =
  | { result: 'ok'; statusCode: number; finalUrl: string }
  | { result: 'redirected'; statusCode: number; finalUrl: string }
  | { result: 'broken'; statusCode: number | null; finalUrl: string | null; reason: string }
  | { result: 'failed'; statusCode: number | null; finalUrl: string | null; reason: string };

const PERMANENT = new Set([301, 308]);
const GONE = new Set([404, 410]);

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function classifyProbe(probe: Probe): CheckVerdict {
  if (probe.kind === 'error') {
    const last = probe.hops?.at(-1);
    const statusCode = last?.status ?? null;
    const finalUrl = last?.url ?? null;
    // A host that does not exist, an address that is none, or a loop: no reader gets anywhere either.
    if (probe.error === 'dns' || probe.error === 'invalid_url' || probe.error === 'redirect_loop') return { result: 'broken', statusCode, finalUrl, reason: probe.error };
    return { result: 'failed', statusCode, finalUrl, reason: probe.error };
  }
  const first = probe.hops[0];
  const last = probe.hops.at(-1);
  if (!first || !last) return { result: 'failed', statusCode: null, finalUrl: null, reason: 'network' };
  const status = last.status;
  if (GONE.has(status)) return { result: 'broken', statusCode: status, finalUrl: last.url, reason: String(status) };
  if (status >= 200 && status < 300) {
    // Only the link's own first answer says whether the link itself moved: a temporary redirect to a page that later moved is the other site's affair.
    if (probe.hops.length > 1 && PERMANENT.has(first.status)) return { result: 'redirected', statusCode: first.status, finalUrl: last.url };
    return { result: 'ok', statusCode: status, finalUrl: last.url };
  }
  // 5xx, 429, 403 to robots, a redirect with nowhere to go: the site answered, but not whether the page is there.
  return { result: 'failed', statusCode: status, finalUrl: last.url, reason: String(status) };
}

/** What is stored per address. */
export type LinkResult = 'ok' | 'redirected' | 'broken' | 'unreachable';

export interface LinkState {
  url: string;
  result: LinkResult;
  statusCode: number | null;
  finalUrl: string | null;
  /** Why it is not ok: the status, or dns, timeout, network, redirect_loop, invalid_url. */
  reason: string | null;
  /** When the current run of failures began (null while it answers). */
  firstFailedAt: string | null;
  consecutiveFailures: number;
  /** When it first had its current result. */
  since: string;
  lastCheckedAt: string;
}

/** The address's state after a check, from the one before (undefined the first time). */
export function nextLinkState(previous: LinkState | undefined, url: string, verdict: CheckVerdict, now: Date, failuresBeforeBroken = FAILURES_BEFORE_BROKEN): LinkState {
  const at = now.toISOString();
  const failing = verdict.result === 'broken' || verdict.result === 'failed';
  const consecutiveFailures = failing ? (previous?.consecutiveFailures ?? 0) + 1 : 0;
  const result: LinkResult = verdict.result === 'failed' ? (consecutiveFailures >= failuresBeforeBroken ? 'broken' : 'unreachable') : verdict.result;
  return {
    url,
    result,
    statusCode: verdict.statusCode,
    finalUrl: verdict.finalUrl,
    reason: verdict.result === 'broken' || verdict.result === 'failed' ? verdict.reason : null,
    firstFailedAt: failing ? (previous?.firstFailedAt ?? at) : null,
    consecutiveFailures,
    since: previous && previous.result === result ? previous.since : at,
    lastCheckedAt: at,
  };
}

// ---------------------------------------------------------------------------------------------
// The report.

export interface ReportRow extends LinkOccurrence {
  state: LinkState;
}

/** The groups of the report, in the order editors read them: what readers cannot reach first. */
export const REPORT_GROUPS = ['broken', 'redirected', 'unreachable'] as const satisfies readonly LinkResult[];

/**
 * The report's rows: each place a problem link is written, broken ones first, then those moved for
 * good, then those that could not be checked; within a group the longest-standing first, then by
 * where they are. Links answering ok, skipped schemes and addresses not checked yet are left out.
 */
export function reportRows(occurrences: readonly LinkOccurrence[], states: ReadonlyMap<string, LinkState>): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const occurrence of occurrences) {
    if (targetKind(occurrence.url) !== 'check') continue;
    const state = states.get(normaliseUrl(occurrence.url) ?? occurrence.url.trim());
    if (!state || state.result === 'ok') continue;
    rows.push({ ...occurrence, state });
  }
  const rank = (row: ReportRow) => REPORT_GROUPS.indexOf(row.state.result as (typeof REPORT_GROUPS)[number]);
  const since = (row: ReportRow) => row.state.firstFailedAt ?? row.state.since;
  return rows.sort(
    (a, b) => rank(a) - rank(b) || since(a).localeCompare(since(b)) || a.source.localeCompare(b.source) || a.ref.localeCompare(b.ref) || a.lang.localeCompare(b.lang) || a.field.localeCompare(b.field) || a.url.localeCompare(b.url),
  );
}
