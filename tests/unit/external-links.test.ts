/**
 * External links (docs/decisions/058): what is extracted from a guide's body and frontmatter and a
 * notice's body, how one check is classified, and the rule that "could not check" becomes broken
 * only after N runs in a row; the report's order.
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../api/env.ts';
import {
  bodyTargets,
  classifyProbe,
  FAILURES_BEFORE_BROKEN,
  guideLinks,
  nextLinkState,
  noticeLinks,
  normaliseUrl,
  reportRows,
  targetKind,
  textUrls,
  urlsToCheck,
  type CheckVerdict,
  type LinkOccurrence,
  type LinkState,
  type Probe,
} from '../../api/domain/content/external-links.ts';

describe('extracting links', () => {
  it.each([
    ['an inline link', '见[民政部](https://www.mca.gov.cn/a.html)。', ['https://www.mca.gov.cn/a.html']],
    ['a link with a title', '[x](https://example.gov.cn/p "标题")', ['https://example.gov.cn/p']],
    ['an autolink', '网址：<https://example.gov.cn/q?x=1>', ['https://example.gov.cn/q?x=1']],
    ['a reference link', '[政策][1]\n\n[1]: https://example.gov.cn/ref', ['https://example.gov.cn/ref']],
    ['an image', '![图](https://example.gov.cn/a.png)', ['https://example.gov.cn/a.png']],
    ['a link to this site (checked at save)', '[指南](/guides/funeral)', []],
    ['mailto and tel are targets, skipped later', '[写信](mailto:a@b.cn) [电话](tel:12345)', ['mailto:a@b.cn', 'tel:12345']],
    ['a bare address is text, not a link, in the body', '见 https://example.gov.cn/bare 。', []],
    ['a protocol-relative link', '[x](//example.gov.cn/p)', ['https://example.gov.cn/p']],
  ])('body: %s', (_name, body, expected) => {
    expect(bodyTargets(body)).toEqual(expected);
  });

  it.each([
    ['after Chinese text, before Chinese punctuation', '详见https://www.gov.cn/zhengce/a.htm。', ['https://www.gov.cn/zhengce/a.htm']],
    ['a sentence’s full stop', 'See https://example.gov.cn/x.', ['https://example.gov.cn/x']],
    ['in brackets', '(see https://example.gov.cn/x)', ['https://example.gov.cn/x']],
    ['a bracket that belongs to it', 'https://example.gov.cn/wiki/A_(b)', ['https://example.gov.cn/wiki/A_(b)']],
    ['two addresses', 'https://a.gov.cn、https://b.gov.cn/p', ['https://a.gov.cn', 'https://b.gov.cn/p']],
    ['in Chinese brackets', '（https://a.gov.cn/p）', ['https://a.gov.cn/p']],
    ['none', '民政局 0571-12345678', []],
  ])('text: %s', (_name, text, expected) => {
    expect(textUrls(text)).toEqual(expected);
  });

  it('walks every string of a guide’s frontmatter, with where each was found', () => {
    const links = guideLinks({
      slug: 'funeral',
      lang: 'zh-CN',
      frontmatter: {
        title: '丧葬',
        legalBasis: [{ document: '《殡葬管理条例》第五条', note: '原文：https://www.gov.cn/law.htm' }],
        locations: [{ name: '殡仪馆', address: '见地图 https://map.example.cn/x', hours: '24小时' }],
        order: 3,
        free: true,
      },
      body: '[民政部](https://www.mca.gov.cn/) 和 [民政部](https://www.mca.gov.cn/)',
    });
    expect(links).toEqual([
      { url: 'https://www.mca.gov.cn/', source: 'guide', ref: 'funeral', lang: 'zh-CN', field: 'body' },
      { url: 'https://www.gov.cn/law.htm', source: 'guide', ref: 'funeral', lang: 'zh-CN', field: 'legalBasis.0.note' },
      { url: 'https://map.example.cn/x', source: 'guide', ref: 'funeral', lang: 'zh-CN', field: 'locations.0.address' },
    ]);
  });

  it('reads a notice’s plain-text body', () => {
    expect(noticeLinks({ id: '20261210-abcd', lang: 'en', body: 'Details: https://example.gov.cn/n.\n\nCall us.' })).toEqual([
      { url: 'https://example.gov.cn/n', source: 'notice', ref: '20261210-abcd', lang: 'en', field: 'body' },
    ]);
  });

  it.each([
    ['https://example.gov.cn/a', 'check'],
    ['HTTP://example.gov.cn', 'check'],
    ['mailto:a@b.cn', 'skipped'],
    ['tel:12345', 'skipped'],
    ['ftp://example.gov.cn/f', 'skipped'],
    ['/guides/x', 'internal'],
    ['#top', 'internal'],
  ] as const)('%s is %s', (target, kind) => {
    expect(targetKind(target)).toBe(kind);
  });

  it('checks each address once, normalised, fragments dropped, skipped schemes left out', () => {
    const at = (url: string, field = 'body'): LinkOccurrence => ({ url, source: 'guide', ref: 'g', lang: 'zh-CN', field });
    expect(urlsToCheck([at('https://Example.gov.cn/a#x'), at('https://example.gov.cn/a', 'summary'), at('mailto:a@b.cn'), at('https://b.gov.cn')])).toEqual(['https://b.gov.cn/', 'https://example.gov.cn/a']);
    expect(normaliseUrl('notaurl')).toBeUndefined();
  });
});

describe('classifying a check', () => {
  const hops = (...list: [string, number][]): Probe => ({ kind: 'responses', hops: list.map(([url, status]) => ({ url, status })) });
  it.each<[string, Probe, Partial<CheckVerdict>]>([
    ['200', hops(['https://a/', 200]), { result: 'ok', statusCode: 200 }],
    ['204', hops(['https://a/', 204]), { result: 'ok' }],
    ['a temporary redirect to a page that answers', hops(['https://a/', 302], ['https://a/b', 200]), { result: 'ok', finalUrl: 'https://a/b' }],
    ['301 to a page that answers: moved, with the new address', hops(['https://a/', 301], ['https://b/', 200]), { result: 'redirected', statusCode: 301, finalUrl: 'https://b/' }],
    ['308 then 302 then 200', hops(['https://a/', 308], ['https://b/', 302], ['https://c/', 200]), { result: 'redirected', statusCode: 308, finalUrl: 'https://c/' }],
    ['302 then 301: the link itself did not move', hops(['https://a/', 302], ['https://b/', 301], ['https://c/', 200]), { result: 'ok' }],
    ['404', hops(['https://a/', 404]), { result: 'broken', statusCode: 404, reason: '404' }],
    ['410', hops(['https://a/', 410]), { result: 'broken', statusCode: 410 }],
    ['301 to a 404', hops(['https://a/', 301], ['https://b/', 404]), { result: 'broken', statusCode: 404, finalUrl: 'https://b/' }],
    ['500', hops(['https://a/', 500]), { result: 'failed', statusCode: 500 }],
    ['503', hops(['https://a/', 503]), { result: 'failed', statusCode: 503 }],
    ['429', hops(['https://a/', 429]), { result: 'failed', statusCode: 429 }],
    ['403 to robots', hops(['https://a/', 403]), { result: 'failed', statusCode: 403 }],
    ['a redirect with nowhere to go', hops(['https://a/', 301]), { result: 'failed', statusCode: 301 }],
    ['a host that does not exist', { kind: 'error', error: 'dns' }, { result: 'broken', reason: 'dns' }],
    ['not an address', { kind: 'error', error: 'invalid_url' }, { result: 'broken', reason: 'invalid_url' }],
    ['a redirect loop', { kind: 'error', error: 'redirect_loop', hops: [{ url: 'https://a/', status: 302 }] }, { result: 'broken', reason: 'redirect_loop', statusCode: 302 }],
    ['a timeout', { kind: 'error', error: 'timeout' }, { result: 'failed', reason: 'timeout', statusCode: null }],
    ['a refused connection', { kind: 'error', error: 'network' }, { result: 'failed', reason: 'network' }],
  ])('%s', (_name, probe, expected) => {
    expect(classifyProbe(probe)).toMatchObject(expected);
  });
});

describe('the history of an address', () => {
  const url = 'https://slow.gov.cn/';
  const day = (n: number) => new Date(Date.UTC(2026, 11, n, 2));
  const failed: CheckVerdict = { result: 'failed', statusCode: 503, finalUrl: url, reason: '503' };
  const ok: CheckVerdict = { result: 'ok', statusCode: 200, finalUrl: url };
  const gone: CheckVerdict = { result: 'broken', statusCode: 404, finalUrl: url, reason: '404' };

  function run(verdicts: CheckVerdict[]): LinkState[] {
    const states: LinkState[] = [];
    verdicts.forEach((verdict, index) => states.push(nextLinkState(states.at(-1), url, verdict, day(index + 1))));
    return states;
  }

  it(`is "could not check" until ${FAILURES_BEFORE_BROKEN} runs in a row fail, then broken since the first`, () => {
    const states = run([failed, failed, failed, failed]);
    expect(states.map((state) => state.result)).toEqual(['unreachable', 'unreachable', 'broken', 'broken']);
    expect(states.map((state) => state.consecutiveFailures)).toEqual([1, 2, 3, 4]);
    expect(states.every((state) => state.firstFailedAt === day(1).toISOString())).toBe(true);
    expect(states[2]?.since).toBe(day(3).toISOString());
    expect(states[3]?.since).toBe(day(3).toISOString());
  });

  it('starts counting again after an answer', () => {
    const states = run([failed, failed, ok, failed, failed]);
    expect(states.map((state) => state.result)).toEqual(['unreachable', 'unreachable', 'ok', 'unreachable', 'unreachable']);
    expect(states[2]).toMatchObject({ consecutiveFailures: 0, firstFailedAt: null, reason: null });
    expect(states[4]?.firstFailedAt).toBe(day(4).toISOString());
  });

  it('is broken at once on a 404, counted as a failure, kept since the first', () => {
    const states = run([ok, gone, gone]);
    expect(states.map((state) => state.result)).toEqual(['ok', 'broken', 'broken']);
    expect(states[2]).toMatchObject({ consecutiveFailures: 2, firstFailedAt: day(2).toISOString(), since: day(2).toISOString(), lastCheckedAt: day(3).toISOString() });
  });

  it('a failure after a 404 keeps it broken', () => {
    expect(run([gone, failed]).map((state) => state.result)).toEqual(['broken', 'unreachable']);
    expect(run([gone, failed, failed]).map((state) => state.result)).toEqual(['broken', 'unreachable', 'broken']);
  });
});

describe('the report', () => {
  const state = (url: string, result: LinkState['result'], since: string): LinkState => ({ url, result, statusCode: null, finalUrl: null, reason: null, firstFailedAt: result === 'redirected' || result === 'ok' ? null : since, consecutiveFailures: 0, since, lastCheckedAt: since });
  const at = (url: string, ref: string, lang: 'zh-CN' | 'en' = 'zh-CN', field = 'body'): LinkOccurrence => ({ url, source: 'guide', ref, lang, field });

  it('lists broken links first, then moved ones, then those that could not be checked, the oldest first; ok, skipped and unchecked left out', () => {
    const states = new Map(
      [
        state('https://slow.gov.cn/', 'unreachable', '2026-12-01T00:00:00.000Z'),
        state('https://moved.gov.cn/', 'redirected', '2026-12-02T00:00:00.000Z'),
        state('https://gone.gov.cn/new', 'broken', '2026-12-05T00:00:00.000Z'),
        state('https://gone.gov.cn/old', 'broken', '2026-12-03T00:00:00.000Z'),
        state('https://fine.gov.cn/', 'ok', '2026-12-01T00:00:00.000Z'),
      ].map((entry) => [entry.url, entry]),
    );
    const rows = reportRows(
      [
        at('https://slow.gov.cn/', 'a'),
        at('https://fine.gov.cn/', 'a'),
        at('https://moved.gov.cn/', 'b', 'en', 'legalBasis.0.note'),
        at('https://gone.gov.cn/new', 'c'),
        at('https://gone.gov.cn/old#part', 'd'),
        at('https://gone.gov.cn/old', 'a', 'en'),
        at('mailto:a@b.cn', 'a'),
        at('https://new.gov.cn/', 'a'),
      ],
      states,
    );
    expect(rows.map((row) => `${row.state.result} ${row.ref} ${row.lang} ${row.url}`)).toEqual([
      'broken a en https://gone.gov.cn/old',
      'broken d zh-CN https://gone.gov.cn/old#part',
      'broken c zh-CN https://gone.gov.cn/new',
      'redirected b en https://moved.gov.cn/',
      'unreachable a zh-CN https://slow.gov.cn/',
    ]);
  });
});

describe('the link check’s settings', () => {
  it.each([
    [{}, 24 * 3_600_000, 10_000],
    [{ NODE_ENV: 'test' }, 0, 10_000],
    [{ NODE_ENV: 'test', LINK_CHECK_INTERVAL_HOURS: '6' }, 6 * 3_600_000, 10_000],
    [{ LINK_CHECK_INTERVAL_HOURS: '0', LINK_CHECK_TIMEOUT_SECONDS: '30' }, 0, 30_000],
    [{ LINK_CHECK_INTERVAL_HOURS: '' }, 24 * 3_600_000, 10_000],
  ])('%j: every %d ms, %d ms a request', (env, intervalMs, timeoutMs) => {
    expect(readConfig(env).linkChecks).toEqual({ intervalMs, timeoutMs });
  });

  it.each([{ LINK_CHECK_INTERVAL_HOURS: '-1' }, { LINK_CHECK_TIMEOUT_SECONDS: '0' }, { LINK_CHECK_TIMEOUT_SECONDS: 'soon' }])('refuses %j', (env) => {
    expect(() => readConfig(env)).toThrow(/LINK_CHECK_/);
  });
});
