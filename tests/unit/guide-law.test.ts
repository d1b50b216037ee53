/**
 * The guides against the law in force (issue 12, "Guides out of step with the law"; the texts and
 * article numbers are in DOMAIN.md): no guide rests on a superseded text, and each point the
 * walkthrough found out of step is said, in both languages, as the current text has it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readGuideDirectory, type GuideSource } from '../../api/content/guide-directory.ts';
import { parseGuideFile } from '../../api/domain/guides/guide-file.ts';
import { guideSearchText } from '../../api/domain/guides/guide-text.ts';
import { SUPERSEDED_TEXTS, supersededCitations } from '../../api/domain/guides/superseded-texts.ts';

let guides: GuideSource[];

beforeAll(async () => {
  const report = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
  expect(report.problems).toEqual([]);
  guides = report.guides;
});

const guide = (lang: 'zh-CN' | 'en', slug: string): GuideSource => {
  const found = guides.find((g) => g.lang === lang && g.frontmatter.slug === slug);
  if (!found) throw new Error(`no guide ${lang}/${slug}`);
  return found;
};
/** Everything a reader reads of a guide, as one text. */
const textOf = (lang: 'zh-CN' | 'en', slug: string): string => {
  const { frontmatter, body } = guide(lang, slug);
  return `${frontmatter.summary}\n${frontmatter.summaryPlain ?? ''}\n${guideSearchText(frontmatter, body)}`;
};
const SOCIAL_ASSISTANCE_LAW = { 'zh-CN': '中华人民共和国社会救助法', en: 'Social Assistance Law' } as const;

describe('guides and superseded texts', () => {
  it('no guide cites a text superseded by one in force on the day it was checked', () => {
    const problems = guides.flatMap(({ lang, frontmatter, body }) =>
      supersededCitations(frontmatter, body).map((problem) => `${lang}/${frontmatter.slug}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  const sample = (legalBasis: string, body = '', updated = '2026-12-05') =>
    parseGuideFile(
      `---
slug: sample
title: 示例
summary: 一句话。
lifeEvent: hardship
order: 1
aliases: [别称]
matterType: 行政给付
eligibility: [条件]
materials: [{ name: 身份证, form: original, copies: 1, issuer: 公安机关, officeLooksUp: false }]
steps: [{ title: 申请, detail: 提交材料。 }]
timeLimits: { statutory: 30 个工作日, promised: 20 个工作日 }
fees: { free: true, detail: 不收费。 }
legalBasis:
${legalBasis}
locations: [{ name: 某街道, address: 人民路 1 号, hours: 工作日 }]
consultPhone: "12345"
complaintPhone: "12345"
apply: { mode: in-person }
updated: ${updated}
---
${body}
`,
      'sample.md',
    );

  // [what the guide cites, in the legal basis or the body, and whether that is out of step]
  const CITATIONS: [string, { legalBasis: string; body?: string; updated?: string }, boolean][] = [
    ['社会救助暂行办法 in the legal basis', { legalBasis: '  - { document: 社会救助暂行办法, articles: 第九条 }' }, true],
    ['the Interim Measures in an English body', { legalBasis: '  - { document: 中华人民共和国社会救助法 }', body: 'As the Interim Measures for Social Assistance (art. 48) say…' }, true],
    ['社会救助暂行办法, checked before the law came in force', { legalBasis: '  - { document: 社会救助暂行办法 }', updated: '2026-06-30' }, false],
    ['the 社会救助法', { legalBasis: '  - { document: 中华人民共和国社会救助法（2026 年 7 月 1 日起施行）, articles: 第七十三条 }' }, false],
    ['婚姻登记条例 without its version', { legalBasis: '  - { document: 婚姻登记条例, articles: 第六条 }' }, true],
    ['婚姻登记条例 of 2003', { legalBasis: '  - { document: 婚姻登记条例（2003 年，国务院令第 387 号）, articles: 第六条 }' }, true],
    ['the 2025 婚姻登记条例', { legalBasis: '  - { document: 婚姻登记条例（2025 年修订，国务院令第 804 号）, articles: 第二十一条 }', body: '补领不限地点（《婚姻登记条例》第二十一条）。' }, false],
    ['the 1994 婚姻登记条例 in the body', { legalBasis: '  - { document: 婚姻登记条例（2025 年修订） }', body: '按 1994 年《婚姻登记条例》第八条办理。' }, true],
    ['the 2003 Marriage Registration Regulations in English', { legalBasis: '  - { document: "Marriage Registration Regulations (2003, Order No. 387)" }' }, true],
    ['殡葬管理条例 with its 1997 history', { legalBasis: '  - { document: 殡葬管理条例, note: 1997年国务院令第225号公布，2012年修订。 }' }, true],
    ['殡葬管理条例 of 2012', { legalBasis: '  - { document: 殡葬管理条例（2012 年修订） }' }, true],
    ['the 2026 殡葬管理条例', { legalBasis: '  - { document: 殡葬管理条例（2026 年修订，2026 年 3 月 30 日起施行） }' }, false],
    ['the 2012 Funeral Regulations, checked before 2026', { legalBasis: '  - { document: Regulations on Funeral and Interment Administration (2012) }', updated: '2026-01-01' }, false],
    ['the 2026 Funeral Regulations in English', { legalBasis: '  - { document: "Regulations on Funeral and Interment Administration (殡葬管理条例), revised 2026" }' }, false],
  ];

  it.each(CITATIONS)('%s: out of step = %s', (_what, { legalBasis, body, updated }, outOfStep) => {
    const { frontmatter, body: text } = sample(legalBasis, body, updated);
    expect(supersededCitations(frontmatter, text).length > 0).toBe(outOfStep);
  });

  it('tries every superseded text of the table with a citation that is out of step', () => {
    for (const text of SUPERSEDED_TEXTS) {
      const tried = CITATIONS.some(([, { legalBasis, body = '' }, outOfStep]) => outOfStep && text.name.test(`${legalBasis}\n${body}`));
      expect(tried, text.current).toBe(true);
    }
  });
});

describe('the guides say what the law in force says, in both languages', () => {
  it('every relief guide cites the Social Assistance Law with its article numbers', () => {
    for (const slug of ['minimum-living-allowance', 'extreme-poverty-support', 'temporary-assistance']) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const basis = guide(lang, slug).frontmatter.legalBasis.find((b) => b.document.includes(SOCIAL_ASSISTANCE_LAW[lang]));
        expect(basis?.articles, `${lang}/${slug}`).toMatch(lang === 'en' ? /arts?\. \d/ : /第[一二三四五六七八九十]+条/);
      }
    }
    expect(guide('zh-CN', 'minimum-living-allowance').frontmatter.legalBasis.find((b) => b.document.includes('社会救助法'))?.articles)
      .toBe('第十六条至第十九条、第二十一条、第三十七条、第四十条至第四十八条、第六十二条、第七十三条');
    expect(guide('en', 'minimum-living-allowance').frontmatter.legalBasis.find((b) => b.document.includes('Social Assistance Law'))?.articles)
      .toBe('arts. 16–19, 21, 37, 40–48, 62, 73');
    expect(guide('zh-CN', 'temporary-assistance').frontmatter.legalBasis.find((b) => b.document.includes('社会救助法'))?.articles).toContain('第五十条');
    expect(guide('en', 'temporary-assistance').frontmatter.legalBasis.find((b) => b.document.includes('Social Assistance Law'))?.articles).toContain('50');
  });

  // [guide, language, what the text must say, what it must no longer say]
  const POINTS: [string, 'zh-CN' | 'en', RegExp[], RegExp[]][] = [
    // 低保: fine up to 2 times (art. 73); heard before a cut or stop, reasons in writing (art. 48);
    // decided by the township where delegated (art. 44(2)); the basic pension a local setting.
    ['minimum-living-allowance', 'zh-CN',
      [/2 倍以下的罚款（《中华人民共和国社会救助法》第七十三条）/, /减发、停发之前，工作人员会先听取你的意见/, /书面告诉你理由（《中华人民共和国社会救助法》第四十八条）/, /第四十四条第二款/, /委托乡镇人民政府（街道办事处）确认的，由乡镇（街道）作出决定/, /2021 年至 2025 年不计入家庭收入；现在是否计入由当地规定，例如\{\{ex:/],
      [/1 倍以上 3 倍以下/, /中央确定的城乡居民基本养老保险基础养老金；/]],
    ['minimum-living-allowance', 'en',
      [/fined up to twice that amount \(Social Assistance Law, art\. 73\)/, /Before the allowance is reduced or stopped, staff hear what you have to say/, /told why in writing \(Social Assistance Law, art\. 48\)/, /art\. 44\(2\)/, /the township or sub-district decides/, /excluded by national rules from 2021 to 2025; whether it is excluded now is set locally, for example \{\{ex:/],
      [/one to three times/, /the basic state part of the rural and urban residents' pension;/]],
    // 临时救助: where the emergency happened (art. 37(2)); help first is a duty (art. 50).
    ['temporary-assistance', 'zh-CN',
      [/向急难发生地的乡镇人民政府（街道办事处）申请，不论户籍在哪里（《中华人民共和国社会救助法》第三十七条第二款）/, /应当先行救助（《中华人民共和国社会救助法》第五十条）/],
      [/核实情况后可以直接救助/, /很多地方可以直接向急难发生地/, /可以先行救助/]],
    ['temporary-assistance', 'en',
      [/where the emergency happened, wherever your household is registered \(Social Assistance Law, art\. 37\(2\)\)/, /must help you first \(Social Assistance Law, art\. 50\)/],
      [/can help you straight away/, /many places let you ask for help directly/]],
    // 补领婚姻登记证: any registry office (2025 条例 art. 21).
    ['marriage-certificate-reissue', 'zh-CN',
      [/任何一个婚姻登记机关申请，不限于原来办理登记的地方（《婚姻登记条例》第二十一条）/],
      [/向原办理登记的婚姻登记机关申请/, /能否到其他登记处补领/]],
    ['marriage-certificate-reissue', 'en',
      [/any marriage registry, not only the one that registered your marriage or divorce \(Marriage Registration Regulations, art\. 21\)/],
      [/Whether other registries can help depends on your province/, /apply at the registry that registered your marriage or divorce;/]],
    // 基本殡葬服务: the 2026 national list; "basic" is not "free".
    ['basic-funeral-services', 'zh-CN',
      [/遗体接运；\n- 遗体暂存（冷藏）；\n- 遗体告别；\n- 遗体火化；\n- 骨灰寄存；\n- 生态安葬/, /骨灰格位安葬/, /“基本”不等于免费/],
      []],
    ['basic-funeral-services', 'en',
      [/collecting the body;\n- keeping the body for a short time \(cold storage\);\n- the farewell;\n- cremation;\n- storing the ashes;\n- eco-burial/, /niche at a government-run funeral facility/, /Basic does not mean free/],
      []],
    // 离婚登记: a lost 受理回执 is replaced by a written statement.
    ['divorce-registration', 'zh-CN', [/回执丢了的，不用补办，当场写一份书面声明代替/, /回执丢了的，当场写一份书面声明代替/], []],
    ['divorce-registration', 'en', [/If you have lost it, you do not need a new one; a written statement made at the registry takes its place/, /if you have lost it, a written statement made at the registry takes its place/], []],
    // 残疾人两项补贴: counted from the month of acceptance (国发〔2015〕52号).
    ['disability-subsidies', 'zh-CN', [/从受理申请的当月起计发补贴（国发〔2015〕52号）/], [/受理申请的次月/]],
    ['disability-subsidies', 'en', [/counted from the month your application was accepted \(国发〔2015〕52号\)/], [/the month after your application is accepted/]],
  ];

  it.each(POINTS)('%s (%s)', (slug, lang, says, saysNoMore) => {
    const { frontmatter, body } = guide(lang, slug);
    const text = `${textOf(lang, slug)}\n${body}\n${frontmatter.legalBasis.map((b) => b.articles ?? '').join('\n')}`;
    for (const pattern of says) expect(text).toMatch(pattern);
    for (const pattern of saysNoMore) expect(text).not.toMatch(pattern);
  });
});
