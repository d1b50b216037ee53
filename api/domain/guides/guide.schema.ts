/**
 * The policy guide (办事指南) as one concept: the frontmatter of every file in content/guides/,
 * the rows the data layer stores, and the JSON of /api/v1/guides all pass through these schemas.
 *
 * A guide carries the complete 一次性告知 ("tell once, completely") fields, so that a citizen learns
 * everything needed before the first visit.
 *
 * Local figures (a standard in yuan, an address, a phone number) differ per bureau. Authors wrap
 * each one as {{ex:…}}; the site shows it with an "example" badge so no bureau publishes our
 * sample figures as its own by accident (see guide-text.ts).
 */
import { z } from 'zod';
import { textLines } from '../text.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/** Life events group the services on the home page, in this order. */
export const LIFE_EVENTS = ['marriage', 'hardship', 'elderly-disability', 'after-death'] as const;
export const LifeEventSchema = z.enum(LIFE_EVENTS);
export type LifeEvent = z.infer<typeof LifeEventSchema>;

export const GuideSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug is lower-case words joined by hyphens')
  .max(80);

const Text = textLines().trim().min(1);

/**
 * A calendar date as YYYY-MM-DD. YAML parsers differ on an unquoted date (a string in YAML 1.2, a
 * Date in js-yaml, which Astro's content layer uses), so both are accepted.
 */
export const CalendarDateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.iso.date(),
);

export const MaterialSchema = z
  .object({
    name: Text,
    /** 原件, 复印件 or both. */
    form: z.enum(['original', 'copy', 'original-and-copy', 'electronic', 'form-provided']),
    copies: z.number().int().min(0).max(20),
    issuer: Text,
    /** True when the office fetches it itself through data sharing (免提交): the citizen need not bring it. */
    officeLooksUp: z.boolean(),
    required: z.boolean().default(true),
    note: Text.optional(),
  });

export const StepSchema = z
  .object({
    title: Text,
    detail: Text,
  });

export const LegalBasisSchema = z
  .object({
    document: Text,
    articles: Text.optional(),
    note: Text.optional(),
  });

export const LocationSchema = z
  .object({
    name: Text,
    address: Text,
    hours: Text,
    note: Text.optional(),
  });

/** Digits, with spaces, hyphens or a leading +: what a phone can dial once the separators go (0571-88880000, 110). */
const DIALLABLE = /^\+?\d[\d -]{1,18}\d$/;

/**
 * A number to call at once where minutes matter (a funeral home's 24-hour line, the police for a
 * death that was not natural): the guide shows it first, as a link a phone dials.
 */
export const UrgentPhoneSchema = z
  .object({
    /** Who answers and what for: 殡仪馆24小时服务电话（接运遗体）. */
    label: Text.max(100),
    /** The number, possibly a local figure: {{ex:0000-12345678}}. */
    number: Text.refine((value) => DIALLABLE.test(value.replace(/\{\{ex:|\}\}/g, '').trim()), 'a phone number: digits, with spaces, hyphens or a leading +'),
  })
  .strict();

/** How the citizen applies; `path` is filled in when the online service of a later issue lands. */
export const ApplySchema = z
  .object({
    mode: z.enum(['online', 'appointment', 'in-person', 'automatic']),
    /** Site path of the online journey (e.g. /apply/old-age-allowance); absent until it exists. */
    path: z
      .string()
      .regex(/^\/[a-z0-9/-]*$/)
      .optional(),
    note: Text.optional(),
  });

export const GuideFrontmatterSchema = z
  .object({
    slug: GuideSlugSchema,
    title: Text.max(60),
    /** One plain sentence: what the service is and who it is for. */
    summary: Text.max(200),
    /** Plainer wording shown in elder mode (长辈版) when present. */
    summaryPlain: Text.max(200).optional(),
    lifeEvent: LifeEventSchema,
    /** Position within its life event and in the catalogue; lower first. */
    order: z.number().int().min(0).max(999),
    /** Everyday names people search with (别称/俗称): 低保, 领证, 火化… */
    aliases: z.array(Text).min(1),
    /**
     * How people ask about the situation in their own words, as on the hotline and in forums
     * (没钱吃饭, 家里揭不开锅, 老人走了, 扯证): searched, never shown. Written from the asking, not
     * from the title; a query that holds one whole ranks the guide first (docs/decisions/020).
     * Defaults to none so that versions stored before the field existed still read.
     */
    phrases: z.array(Text).default([]),
    /** The kind of government matter, e.g. 行政确认, 行政给付, 公共服务. */
    matterType: Text,
    /** 受理条件 */
    eligibility: z.array(Text).min(1),
    /** 申请材料 */
    materials: z.array(MaterialSchema).min(1),
    /** 办理流程 */
    steps: z.array(StepSchema).min(1),
    /** 办理时限 */
    timeLimits: z.object({ statutory: Text, promised: Text }),
    /** 收费标准 */
    fees: z.object({ free: z.boolean(), detail: Text }),
    /** 设定依据 */
    legalBasis: z.array(LegalBasisSchema).min(1),
    /** 办理地点与时间 */
    locations: z.array(LocationSchema).min(1),
    /** 咨询电话 */
    consultPhone: Text,
    /** 监督投诉电话 */
    complaintPhone: Text,
    /** Numbers to call at once, shown at the top of the guide (none for most guides). */
    urgentPhones: z.array(UrgentPhoneSchema).max(3).default([]),
    apply: ApplySchema,
    related: z.array(GuideSlugSchema).default([]),
    /** The date the content was last checked against the rules in force (YYYY-MM-DD). */
    updated: CalendarDateSchema,
  })
  .strict();
export type GuideFrontmatter = z.infer<typeof GuideFrontmatterSchema>;

/** A published guide as stored and as served by the API. */
export const GuideSchema = GuideFrontmatterSchema.extend({
  lang: LocaleSchema,
  version: z.number().int().min(1),
  /** Markdown body rendered to HTML (raw HTML in the source is not allowed). */
  bodyHtml: z.string(),
  publishedAt: z.iso.datetime(),
  /**
   * The major changes' notes in this language, newest first: the page's 更新记录, as GOV.UK shows
   * "Updates to this page" (docs/decisions/052). Minor changes are for staff only.
   */
  changes: z.array(z.object({ note: z.string(), publishedAt: z.iso.datetime() })).default([]),
});
export type Guide = z.infer<typeof GuideSchema>;

export const GuideSummarySchema = GuideSchema.pick({
  slug: true,
  lang: true,
  title: true,
  summary: true,
  lifeEvent: true,
  order: true,
  aliases: true,
  apply: true,
  updated: true,
  version: true,
});
export type GuideSummary = z.infer<typeof GuideSummarySchema>;
