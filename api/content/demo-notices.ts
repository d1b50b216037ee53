/**
 * Example notices for a development start (docs/decisions/056): a holiday arrangement, a registry
 * office closed for a day, and a new 低保 standard tied to its service, each marked as an example
 * (badged 示例 wherever it is shown). They go through the same use cases as an editor's notice —
 * written and submitted by the demo content editor, approved and published by the second one —
 * so the demo's history and audit log read as real ones do. Made once: only while no notice exists.
 * Marked as demo data, so a production start refuses while they stand and `npm run demo:remove` takes them.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../db/connect.ts';
import { markDemoRecords } from '../db/demo-data.repo.ts';
import { anyEditorialDraft } from '../db/editorial-drafts.repo.ts';
import { findStaffByUsername } from '../db/staff.repo.ts';
import type { Database } from '../db/schema.ts';
import type { NoticeContent } from '../domain/notices/notice.ts';
import { actOnNoticeDraft, createNotice, publishNoticeDraft, type NoticeDeps } from './notices.ts';

export interface DemoNoticeDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
  /** Registry office ids, the first of which the closure notice names. */
  officeIds: readonly string[];
  /** Whether a guide is published (the 低保 notice is tied to its guide only when it is). */
  hasGuide: (slug: string) => Promise<boolean>;
}

const BUREAU = { 'zh-CN': '示例市民政局', en: 'Example City Civil Affairs Bureau' };

function demoNotices(today: string, officeId: string | undefined, reliefGuide: boolean): NoticeContent[] {
  const year = Number(today.slice(0, 4));
  return [
    {
      'zh-CN': { title: `关于${year + 1}年元旦假期婚姻登记工作安排的通知`, body: `${year + 1}年1月1日（元旦）全市婚姻登记处休息，暂停办理婚姻登记。\n\n1月2日起正常办理。已预约1月1日的，请改约其他日期。`, publisher: BUREAU['zh-CN'] },
      en: { title: `Marriage registration over the ${year + 1} New Year holiday`, body: `On 1 January ${year + 1} (New Year’s Day) every marriage registry in the city is closed.\n\nRegistration resumes on 2 January. If you booked 1 January, please book another day.`, publisher: BUREAU.en },
      date: today,
      indexNumber: `000014349/${year}-00101`,
      office: null,
      service: null,
      example: true,
    },
    {
      'zh-CN': { title: '婚姻登记处临时闭馆一天的通知', body: '因设备检修，该婚姻登记处将于下周三闭馆一天，当天不办理婚姻登记。\n\n当天已预约的群众将收到短信，请按短信提示改约。', publisher: BUREAU['zh-CN'] },
      en: null,
      date: today,
      indexNumber: null,
      office: officeId ?? null,
      service: null,
      example: true,
    },
    {
      'zh-CN': { title: '关于调整城乡最低生活保障标准的通知', body: '经市人民政府同意，自下月1日起，城市最低生活保障标准调整为每人每月1100元，农村最低生活保障标准调整为每人每月900元。\n\n已纳入低保的家庭按新标准发放，无需重新申请。', publisher: BUREAU['zh-CN'] },
      en: { title: 'New minimum living allowance (低保) standards', body: 'With the city government’s approval, from the first day of next month the urban minimum living standard is 1,100 yuan a person a month and the rural one 900 yuan.\n\nHouseholds already receiving 低保 are paid at the new standard without applying again.', publisher: BUREAU.en },
      date: today,
      indexNumber: `000014349/${year}-00102`,
      office: null,
      service: reliefGuide ? 'minimum-living-allowance' : null,
      example: true,
    },
  ];
}

/** Publishes the example notices when there is none yet and both demo content editors exist; how many it made. */
export async function ensureDemoNotices(deps: DemoNoticeDeps): Promise<number> {
  const any = await deps.db.selectFrom('notices').select('id').limit(1).executeTakeFirst();
  const drafts = await anyEditorialDraft(deps.db, 'notice');
  if (any || drafts) return 0;
  const author = (await findStaffByUsername(deps.db, 'demo-content-editor'))?.id;
  const reviewer = (await findStaffByUsername(deps.db, 'demo-content-editor-2'))?.id;
  if (!author || !reviewer) return 0;
  const noticeDeps: NoticeDeps = {
    db: deps.db,
    kind: deps.kind,
    now: deps.now,
    references: { office: (id) => deps.officeIds.includes(id), service: deps.hasGuide },
    randomBytes: (size) => randomBytes(size),
  };
  const writer = { member: { id: author }, origin: null };
  const checker = { member: { id: reviewer }, origin: null };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(deps.now());
  let made = 0;
  for (const content of demoNotices(today, deps.officeIds[0], await deps.hasGuide('minimum-living-allowance'))) {
    const created = await createNotice(noticeDeps, writer, content);
    if (!created.ok) throw new Error(`demo notice refused: ${created.reason}`);
    const submitted = await actOnNoticeDraft(noticeDeps, writer, created.draft.key, created.draft.lockVersion, { action: 'submit' });
    if (!submitted.ok) throw new Error(`demo notice not submitted: ${submitted.reason}`);
    const approved = await actOnNoticeDraft(noticeDeps, checker, created.draft.key, submitted.draft.lockVersion, { action: 'approve' });
    if (!approved.ok) throw new Error(`demo notice not approved: ${approved.reason}`);
    const published = await publishNoticeDraft(noticeDeps, checker, created.draft.key, approved.draft.lockVersion, null);
    if (!published.ok) throw new Error(`demo notice not published: ${published.reason}`);
    // Marked as demo data: a production start refuses while it stands, and `npm run demo:remove` takes it (docs/decisions/017).
    await markDemoRecords(deps.db, 'notice', [created.draft.key], deps.now());
    made += 1;
  }
  return made;
}
