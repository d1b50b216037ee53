/**
 * The external link report without JavaScript (docs/decisions/058), in both languages: the editors'
 * guide list links to it with its count of broken links; "check again now" is a plain form that runs
 * a check (the test server's fetch is offline: every address "could not be checked") and shows the
 * report again, a notice's link listed under "could not be checked" with where it is written. A clerk
 * is refused.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../support/site.ts';
import type { Visitor } from './support/html-client.ts';
import { secondContentEditor, staffApi, staffVisitor, visitor } from './support/portal.ts';

function languageOf(code: string) {
  const found = LANGUAGES.find((language) => language.code === code);
  if (!found) throw new Error(`no language ${code}`);
  return found;
}
const zh = languageOf('zh-CN');
const en = languageOf('en');
const LINK = 'https://www.example.gov.cn/zhengce/link-check-test.html';

/** A notice whose body links out, written by the demo content editor and published by the second (dated long ago: it leads no list). */
async function noticeWithLink(author: Visitor): Promise<string> {
  const reviewer = await secondContentEditor(zh);
  const created = await staffApi(author, 'POST', '/staff/announcements', {
    content: {
      'zh-CN': { title: '外部链接检查测试通知', body: `政策原文见 ${LINK} 。`, publisher: '示例市民政局' },
      en: { title: 'Link check test notice', body: `The policy: ${LINK}.`, publisher: 'Example City Civil Affairs Bureau' },
      date: '2020-01-02',
      indexNumber: null,
      office: null,
      service: null,
      example: true,
    },
  });
  expect(created.status).toBe(201);
  const id = String(created.json.id);
  const submitted = await staffApi(author, 'POST', `/staff/announcements/${id}/draft/submit`, { version: created.json.version });
  const approved = await staffApi(reviewer, 'POST', `/staff/announcements/${id}/draft/approve`, { version: submitted.json.version });
  expect((await staffApi(reviewer, 'POST', `/staff/announcements/${id}/draft/publish`, { version: approved.json.version })).status).toBe(200);
  return id;
}

describe('the external link report', () => {
  it('is reached from the guide list, and checks again from a plain form, in both languages', async () => {
    const editor = await staffVisitor(zh, 'content-editor');
    const id = await noticeWithLink(editor);
    for (const language of [zh, en]) {
      const s = language.strings;
      const member = await staffVisitor(language, 'content-editor');
      const list = await member.get(language.path('/staff/guides'));
      expect(list.text('[data-testid="link-check"]')).toContain(s.linkChecks.listLink);
      let page = await list.follow(s.linkChecks.listLink);
      expect(page.status).toBe(200);
      expect(page.h1).toBe(s.linkChecks.title);
      expect(page.has('meta[name="robots"][content="noindex"]')).toBe(true);

      page = await page.press(s.linkChecks.runNow);
      expect(page.status).toBe(200);
      expect(page.url.href).toContain('/staff/guides/links?ran=');
      expect(page.role('status')).toMatch(language.code === 'en' ? /^Checked \d+ addresses\.$/ : /^检查完成：共检查 \d+ 个地址。$/);
      expect(page.text('[data-testid="last-run"]')).not.toBe(s.linkChecks.neverRun);
      // Offline, the notice's link could not be checked: listed in its group, in each language it is written in, linking to the notice.
      const rows = page.all(`[data-group="unreachable"] tr[data-url="${LINK}"]`);
      expect(rows).toHaveLength(2);
      expect(page.text(`[data-group="unreachable"] h2`)).toContain(s.linkChecks.group.unreachable);
      expect(page.has(`[data-group="unreachable"] a[href="${language.path(`/staff/announcements/${id}`)}"]`)).toBe(true);
      expect(page.text(`[data-group="unreachable"] tr[data-url="${LINK}"] [data-testid="status"]`)).toContain(s.linkChecks.status.network);
      expect(page.has('[data-group="broken"]')).toBe(false);
    }
  });

  it('is refused to a clerk, who sees no link to it', async () => {
    const clerk = await staffVisitor(zh, 'intake');
    const page = await clerk.get(zh.path('/staff/guides/links'));
    expect(page.status).toBe(403);
    expect(page.has('[data-testid="run-now"]')).toBe(false);
  });
});
