/**
 * A guide's time limits come from the service definitions (docs/decisions/060): for a guide whose
 * service this portal runs, each limit a citizen meets, in order, with its working days read from the
 * workflow and its words from the service's own namespace; none for a service that declares none or
 * that the portal does not run. The editor is warned where a guide's text gives a stage another number.
 */
import { describe, expect, it } from 'vitest';
import { contradictedTimeLimits, editorWarnings } from '../../api/domain/guides/editor-checks.ts';
import type { ServiceTimeLimit } from '../../api/domain/guides/time-limits.ts';
import type { GuideLanguageContent } from '../../api/domain/guides/guide-diff.ts';
import { readGuideDirectory } from '../../api/content/guide-directory.ts';
import { dynamicKey, LOCALES, translator } from '../../api/i18n/index.ts';
import { serviceTimeLimitsAt } from '../../api/services/guide-time-limits.ts';
import { BUILT_IN_SERVICES, CASE_SERVICES, register, serviceRegistry, type RegisteredCaseService } from '../../api/services/registry.ts';
import { oldAgeAllowanceWorkflow } from '../../api/services/old-age-allowance/workflow.ts';
import { extremePovertySupportWorkflow } from '../../api/services/social-relief/extreme-poverty-support/workflow.ts';
import { minimumLivingAllowanceWorkflow } from '../../api/services/social-relief/minimum-living-allowance/workflow.ts';
import { temporaryAssistanceWorkflow } from '../../api/services/social-relief/temporary-assistance/workflow.ts';
import { contentToForm, formToContent } from '../../site/lib/guide-form.ts';
import { guideTimeLimits } from '../../site/lib/guide-time-limits.ts';
import { TEST_SERVICE, testHouseholdPackage, testHouseholdWorkflow } from '../support/test-service/service.ts';

const days = (path: string) => serviceTimeLimitsAt(BUILT_IN_SERVICES, path)?.limits.map(({ deadline, stage, workingDays, extendableTo }) => ({ deadline, stage, workingDays, ...(extendableTo ? { extendableTo } : {}) }));

describe('the time limits a guide states, from its service’s workflow', () => {
  it('高龄津贴: acceptance then decision, the workflow’s 5 and 20 working days', () => {
    expect(days('/apply/old-age-allowance')).toEqual([
      { deadline: 'acceptance', stage: 'acceptance', workingDays: oldAgeAllowanceWorkflow.deadlines.acceptance?.workingDays },
      { deadline: 'decision', stage: 'decision', workingDays: oldAgeAllowanceWorkflow.deadlines.decision?.workingDays },
    ]);
    expect(days('/apply/old-age-allowance')?.map((limit) => limit.workingDays)).toEqual([5, 20]);
  });

  it.each([
    { path: '/apply/minimum-living-allowance', workflow: minimumLivingAllowanceWorkflow, deadlines: ['acceptance', 'investigation-start', 'decision', 'whole', 'refusal-notice'] },
    { path: '/apply/extreme-poverty-support', workflow: extremePovertySupportWorkflow, deadlines: ['acceptance', 'investigation', 'decision', 'refusal-notice'] },
    // The paperwork after help given at once is the office's record, not the applicant's wait.
    { path: '/apply/temporary-assistance', workflow: temporaryAssistanceWorkflow, deadlines: ['acceptance', 'decision', 'refusal-notice'] },
  ])('$path: its citizen-facing deadlines in order, each as its workflow defines it', ({ path, workflow, deadlines }) => {
    const limits = days(path) ?? [];
    expect(limits.map((limit) => limit.deadline)).toEqual(deadlines);
    for (const limit of limits) {
      expect(limit.workingDays).toBe(workflow.deadlines[limit.deadline]?.workingDays);
      expect(limit.extendableTo).toBe(workflow.deadlines[limit.deadline]?.extendableTo);
    }
  });

  it('低保’s whole limit may be extended to 45 working days', () => {
    expect(days('/apply/minimum-living-allowance')).toContainEqual({ deadline: 'whole', stage: 'decision', workingDays: 30, extendableTo: 45 });
  });

  it('gives none for a booked service, a service the portal does not run and a guide with no path', () => {
    // Marriage appointments are booked, not decided; a divorce's one deadline is the office's own.
    expect(serviceTimeLimitsAt(BUILT_IN_SERVICES, '/book/marriage')).toBeUndefined();
    expect(serviceTimeLimitsAt(BUILT_IN_SERVICES, '/apply/funeral')).toBeUndefined();
    expect(serviceTimeLimitsAt(BUILT_IN_SERVICES, undefined)).toBeUndefined();
    // The test-only package declares none: its guide would keep its own text.
    expect(guideTimeLimits({ mode: 'online', path: `/apply/${TEST_SERVICE}` }, [testHouseholdPackage])).toBeUndefined();
  });

  it('reads a service package’s limits and words as a built-in service’s', () => {
    const withLimit: RegisteredCaseService = {
      ...testHouseholdPackage.caseService,
      workflow: { ...testHouseholdWorkflow, deadlines: { decision: { workingDays: 7, extendableTo: 12 } } },
      timeLimits: [{ deadline: 'decision', stage: 'decision' }],
    };
    const limits = serviceTimeLimitsAt(serviceRegistry({ [TEST_SERVICE]: withLimit }), `/apply/${TEST_SERVICE}`);
    expect(limits).toEqual({ service: TEST_SERVICE, limits: [{ deadline: 'decision', stage: 'decision', workingDays: 7, extendableTo: 12, words: `${TEST_SERVICE}:case.timeLimit.decision` }] });
  });

  it('refuses at registration a limit its workflow does not have', () => {
    const service = { ...CASE_SERVICES['old-age-allowance'], timeLimits: [{ deadline: 'payment', stage: 'decision' as const }] };
    expect(() => register(service)).toThrow(/payment/);
  });

  it('has each built-in limit’s words in both languages', () => {
    for (const id of BUILT_IN_SERVICES.ids) {
      const service = BUILT_IN_SERVICES.get(id);
      const found = serviceTimeLimitsAt(BUILT_IN_SERVICES, service?.applyPath ?? service?.bookingPath);
      for (const limit of found?.limits ?? []) {
        for (const lang of LOCALES) {
          const words = translator(lang)(dynamicKey`${limit.words}`, { defaultValue: '' });
          expect(words, `${lang} ${limit.words}`).not.toBe('');
        }
      }
    }
  });
});

const LIMITS: ServiceTimeLimit[] = [
  { deadline: 'acceptance', stage: 'acceptance', workingDays: 5, words: 'x' },
  { deadline: 'investigation', stage: 'investigation', workingDays: 15, words: 'x' },
  { deadline: 'decision', stage: 'decision', workingDays: 10, words: 'x' },
  { deadline: 'whole', stage: 'decision', workingDays: 30, extendableTo: 45, words: 'x' },
];

describe('the editor’s check of the working days a text states against the service’s', () => {
  it.each([
    // Agreeing with the workflow, in its own words or another's.
    { lang: 'zh-CN', text: '提交后 5 个工作日内决定是否受理，受理后 30 个工作日内作出决定', warned: [] },
    { lang: 'zh-CN', text: '自受理之日起 30 个工作日内完成审核确认；特殊情况下可以延长至 45 个工作日', warned: [] },
    { lang: 'zh-CN', text: '县级民政部门 10 个工作日内作出审批决定。', warned: [] },
    { lang: 'zh-CN', text: '乡镇（街道）自受理之日起 15 个工作日内调查核实并提出初审意见', warned: [] },
    // Another number for a stage the service limits.
    { lang: 'zh-CN', text: '提交后 7 个工作日内决定是否受理，受理后 30 个工作日内作出决定', warned: ['提交后 7 个工作日内决定是否受理'] },
    { lang: 'zh-CN', text: '受理后{{ex:20 个工作日}}内作出决定。', warned: ['受理后20 个工作日内作出决定'] },
    { lang: 'zh-CN', text: '受理后 20 工作日内办结', warned: ['受理后 20 工作日内办结'] },
    // A stage the service states nothing for, calendar days, no stage named, a Chinese numeral: not read.
    { lang: 'zh-CN', text: '不予批准的，3 个工作日内书面告知理由', warned: [] },
    { lang: 'zh-CN', text: '公示 7 天；受理后 30 天内作出决定', warned: [] },
    { lang: 'zh-CN', text: '办理时限：20 个工作日', warned: [] },
    { lang: 'zh-CN', text: '受理后十五个工作日内作出决定', warned: [] },
    { lang: 'en', text: 'We decide whether to accept within 5 working days of your application; a decision within 30 working days of acceptance.', warned: [] },
    { lang: 'en', text: 'The decision is made within 30 working days of acceptance, or up to 45 working days in special cases.', warned: [] },
    { lang: 'en', text: 'The investigation and initial opinion come within 15 working days of acceptance.', warned: [] },
    { lang: 'en', text: 'Whether to accept within 7 working days of applying; a decision within 20 working days of acceptance.', warned: ['Whether to accept within 7 working days of applying', 'a decision within 20 working days of acceptance'] },
    { lang: 'en', text: 'Whether to accept within 5 working days of applying; a decision within 10 working days of acceptance.', warned: [] },
    // Two stages named at once: not read.
    { lang: 'en', text: 'Within 8 working days we accept it and investigate.', warned: [] },
    { lang: 'en', text: 'Paid within 60 working days.', warned: [] },
  ] as const)('$lang: $text', ({ lang, text, warned }) => {
    expect(contradictedTimeLimits(text, lang, LIMITS)).toEqual(warned);
  });

  it('reads the statutory text, the steps and the body, not the promised text the page no longer shows, and only for a service’s guide', () => {
    const content = {
      frontmatter: {
        summary: '高龄津贴',
        eligibility: ['年满 80 周岁'],
        steps: [{ title: '受理', detail: '提交后 3 个工作日内决定是否受理' }],
        timeLimits: { statutory: '受理后 60 个工作日内作出决定', promised: '受理后 90 个工作日内作出决定' },
        materials: [],
        fees: { free: true, detail: '不收费' },
        legalBasis: [],
        slug: 'old-age-allowance',
      },
      body: '一般在受理后 25 个工作日内作出决定。',
    } as unknown as GuideLanguageContent;
    const contradictions = (limits: readonly ServiceTimeLimit[]) => editorWarnings(content, 'zh-CN', new Set(), limits).filter((warning) => warning.code === 'contradicts_service');
    expect(contradictions(LIMITS).map((warning) => warning.field)).toEqual(['steps.0.detail', 'timeLimits.statutory', 'body']);
    expect(contradictions([])).toEqual([]);
  });

  it('finds nothing to warn of in the published guides of the services the portal runs', async () => {
    const { guides } = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
    const checked = guides.filter((guide) => serviceTimeLimitsAt(BUILT_IN_SERVICES, guide.frontmatter.apply.path));
    // The public cemetery plot's guide too (docs/decisions/064), in both languages.
    expect(checked.length).toBe(10);
    for (const guide of checked) {
      const limits = serviceTimeLimitsAt(BUILT_IN_SERVICES, guide.frontmatter.apply.path)?.limits ?? [];
      const warnings = editorWarnings({ frontmatter: guide.frontmatter, body: guide.body }, guide.lang, new Set(), limits);
      expect(warnings.filter((warning) => warning.code === 'contradicts_service'), `${guide.lang} ${guide.frontmatter.slug}`).toEqual([]);
    }
  });
});

describe('the editor’s form of a guide whose service sets its 承诺时限', () => {
  it('keeps the stored promised text whatever the form sends, and reads it from the form otherwise', async () => {
    const { guides } = await readGuideDirectory(new URL('../../content/guides/', import.meta.url));
    const guide = guides.find((g) => g.lang === 'zh-CN' && g.frontmatter.slug === 'old-age-allowance');
    if (!guide) throw new Error('no 高龄津贴 guide');
    const content: GuideLanguageContent = { frontmatter: guide.frontmatter, body: guide.body };
    const form: Record<string, string> = { ...contentToForm(content).values, 'timeLimits.promised': '' };
    const get = (name: string) => form[name] ?? '';
    expect(formToContent(get, content, undefined, { serviceSetsPromised: true }).candidate.frontmatter.timeLimits).toEqual(guide.frontmatter.timeLimits);
    expect(formToContent(get, content).candidate.frontmatter.timeLimits).toEqual({ ...guide.frontmatter.timeLimits, promised: '' });
  });
});
