import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGuideDirectory } from '../../api/content/guide-directory.ts';
import { parseGuideFile } from '../../api/domain/guides/guide-file.ts';
import { guideSearchText, renderContentMarkdown, renderGuideBody, splitExampleFigures, withoutExampleMarks } from '../../api/domain/guides/guide-text.ts';

const ROOT = new URL('../../content/', import.meta.url);
const REQUIRED_SLUGS = [
  'marriage-registration', 'divorce-registration', 'marriage-certificate-reissue',
  'minimum-living-allowance', 'extreme-poverty-support', 'temporary-assistance',
  'basic-funeral-services', 'funeral-fee-exemption', 'eco-burial-subsidy', 'public-cemetery-burial',
  'old-age-allowance', 'disability-subsidies',
];

describe('the policy guides in content/guides', () => {
  it('are all valid, in both languages, with every related guide present', async () => {
    const report = await readGuideDirectory(new URL('guides/', ROOT));
    expect(report.problems).toEqual([]);
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(report.guides.filter((g) => g.lang === lang).map((g) => g.frontmatter.slug).sort()).toEqual([...REQUIRED_SLUGS].sort());
    }
  });

  it('give every guide everyday names to be found by', async () => {
    const { guides } = await readGuideDirectory(new URL('guides/', ROOT));
    const aliases = (slug: string) => guides.find((g) => g.lang === 'zh-CN' && g.frontmatter.slug === slug)?.frontmatter.aliases ?? [];
    expect(aliases('minimum-living-allowance')).toContain('低保');
    expect(aliases('basic-funeral-services')).toContain('火化');
    expect(aliases('eco-burial-subsidy')).toEqual(expect.arrayContaining(['海葬', '树葬']));
  });

  it('give every guide, in both languages, the phrases people ask with, not its title or names again', async () => {
    const { guides } = await readGuideDirectory(new URL('guides/', ROOT));
    for (const { lang, frontmatter } of guides) {
      const where = `${lang}/${frontmatter.slug}`;
      expect(frontmatter.phrases.length, `${where} has too few everyday phrases`).toBeGreaterThanOrEqual(10);
      const repeated = frontmatter.phrases.filter((phrase) => phrase === frontmatter.title || frontmatter.aliases.includes(phrase));
      expect(repeated, `${where} repeats its title or aliases as phrases`).toEqual([]);
    }
  });

  it('mark local figures as examples in both languages alike', async () => {
    const { guides } = await readGuideDirectory(new URL('guides/', ROOT));
    for (const guide of guides.filter((g) => g.lang === 'zh-CN')) {
      const text = readFileSync(new URL(`guides/zh-CN/${guide.frontmatter.slug}.md`, ROOT), 'utf8');
      expect(text, `${guide.frontmatter.slug} has no {{ex:…}} local figure`).toMatch(/\{\{ex:/);
    }
  });
});

describe('the footer pages in content/pages', () => {
  it('exist in both languages', () => {
    for (const lang of ['zh-CN', 'en']) {
      expect(readdirSync(new URL(`pages/${lang}/`, ROOT)).sort()).toEqual(['accessibility.md', 'contact.md', 'privacy.md']);
    }
  });

  it('give the progress section of the contact page a stable anchor', () => {
    for (const lang of ['zh-CN', 'en']) {
      const html = renderContentMarkdown(readFileSync(join(ROOT.pathname, `pages/${lang}/contact.md`), 'utf8'), { demoteHeadings: false });
      expect(html).toMatch(/<h2 id="progress">/);
    }
  });
});

const VALID = `---
slug: sample-guide
title: 示例
summary: 一句话。
lifeEvent: hardship
order: 10
aliases: [别称]
matterType: 行政给付
eligibility: [条件]
materials:
  - { name: 身份证, form: original, copies: 1, issuer: 公安机关, officeLooksUp: false }
steps: [{ title: 申请, detail: 提交材料。 }]
timeLimits: { statutory: 30 个工作日, promised: "{{ex:20 个工作日}}" }
fees: { free: true, detail: 不收费。 }
legalBasis: [{ document: 社会救助暂行办法, articles: 第十一条 }]
locations: [{ name: "{{ex:某某街道}}", address: "{{ex:人民路 1 号}}", hours: 工作日 }]
consultPhone: "{{ex:0000-1234}}"
complaintPhone: "12345"
apply: { mode: in-person }
updated: 2026-11-25
---
## 常见问题

正文 <script>alert(1)</script> 与 {{ex:每月 900 元}}。
`;

describe('a guide file', () => {
  it('parses into validated frontmatter and a body', () => {
    const file = parseGuideFile(VALID, 'x.md', 'sample-guide');
    expect(file.frontmatter).toMatchObject({ slug: 'sample-guide', related: [], updated: '2026-11-25' });
    expect(file.frontmatter.materials[0]).toMatchObject({ required: true, officeLooksUp: false });
    expect(file.body.startsWith('## 常见问题')).toBe(true);
  });

  it('is refused with every problem named by its field', () => {
    expect(() => parseGuideFile(VALID.replace('lifeEvent: hardship', 'lifeEvent: other'), 'x.md')).toThrow(/x\.md: lifeEvent/);
    expect(() => parseGuideFile(VALID.replace('order: 10\n', 'order: 10\nsurprise: 1\n'), 'x.md')).toThrow(/surprise/);
    expect(() => parseGuideFile('no frontmatter', 'x.md')).toThrow(/frontmatter/);
    expect(() => parseGuideFile(VALID.replace('title: 示例', 'title: [unclosed'), 'x.md')).toThrow(/YAML/);
    expect(() => parseGuideFile(VALID, 'x.md', 'other-name')).toThrow(/differs from the file name/);
  });
});

describe('guide text', () => {
  it('splits out local figures so they can be badged', () => {
    expect(splitExampleFigures('标准为{{ex:每人每月 900 元}}。')).toEqual([
      { text: '标准为', example: false },
      { text: '每人每月 900 元', example: true },
      { text: '。', example: false },
    ]);
    expect(withoutExampleMarks('a {{ex: b }} c')).toBe('a b c');
  });

  it('renders the body with raw HTML escaped, headings under the page’s own, and figures marked', () => {
    const html = renderGuideBody(parseGuideFile(VALID, 'x.md').body);
    expect(html).toContain('<h3>常见问题</h3>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<span class="ex">每月 900 元</span>');
  });

  it('indexes the text of every field, without example marks', () => {
    const { frontmatter, body } = parseGuideFile(VALID, 'x.md');
    const text = guideSearchText(frontmatter, body);
    expect(text).toContain('身份证');
    expect(text).toContain('社会救助暂行办法');
    expect(text).toContain('每月 900 元');
    expect(text).not.toContain('{{ex:');
  });
});
