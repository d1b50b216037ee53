/**
 * A guide's "apply online" / "book online" label and button come from the service registry (the
 * journeys this portal really has), not from the guide's `apply.mode`; a guide's link to a journey
 * must be one the registry knows; a free guide says so in its fees' own words (the page shows the
 * detail alone since "不收费. 不收费。"); an urgent number is a number.
 */
import { describe, expect, it } from 'vitest';
import { readGuideDirectory } from '../../api/content/guide-directory.ts';
import { UrgentPhoneSchema } from '../../api/domain/guides/guide.schema.ts';
import { onlineChannelAt } from '../../api/services/registry.ts';
import { howToApply } from '../../site/lib/guide-apply.ts';
import { serviceOfGuide } from '../../site/lib/ratings.ts';

const GUIDES = new URL('../../content/guides/', import.meta.url);

describe('how a guide says to apply', () => {
  it.each([
    { apply: { mode: 'online', path: '/apply/old-age-allowance' }, label: 'apply.mode.online', action: 'apply.onlineAction', comingSoon: false },
    { apply: { mode: 'appointment', path: '/book/marriage' }, label: 'apply.mode.appointment', action: 'apply.appointmentAction', comingSoon: false },
    // A funeral home booked by phone: no online booking behind it.
    { apply: { mode: 'appointment' }, label: 'apply.mode.byAppointment', action: undefined, comingSoon: false },
    // A guide that claims a journey the portal does not have is not believed.
    { apply: { mode: 'online', path: '/apply/funeral' }, label: 'apply.mode.in-person', action: undefined, comingSoon: true },
    { apply: { mode: 'online' }, label: 'apply.mode.in-person', action: undefined, comingSoon: true },
    { apply: { mode: 'in-person' }, label: 'apply.mode.in-person', action: undefined, comingSoon: false },
    { apply: { mode: 'automatic' }, label: 'apply.mode.automatic', action: undefined, comingSoon: false },
  ] as const)('$apply.mode at $apply.path: $label', ({ apply, label, action, comingSoon }) => {
    const answer = howToApply(apply);
    expect(answer.label).toBe(label);
    expect(answer.online?.action).toBe(action);
    expect(answer.comingSoon).toBe(comingSoon);
  });

  it('knows the journeys from the service registry', () => {
    expect(onlineChannelAt('/apply/old-age-allowance')).toBe('apply');
    expect(onlineChannelAt('/book/marriage')).toBe('book');
    expect(onlineChannelAt('/guides/basic-funeral-services')).toBeUndefined();
    expect(onlineChannelAt(undefined)).toBeUndefined();
  });
});

describe('the guides in content/guides', () => {
  it('link only to journeys the service registry has', async () => {
    const { guides } = await readGuideDirectory(GUIDES);
    const linked = guides.filter(({ frontmatter }) => frontmatter.apply.path);
    expect(linked.length).toBeGreaterThan(0);
    for (const { lang, frontmatter } of linked) {
      expect(onlineChannelAt(frontmatter.apply.path), `${lang}/${frontmatter.slug}: ${frontmatter.apply.path}`).toBeDefined();
    }
  });

  it('say in their fees’ own words that a free service is free', async () => {
    const { guides } = await readGuideDirectory(GUIDES);
    for (const { lang, frontmatter } of guides.filter((guide) => guide.frontmatter.fees.free)) {
      expect(frontmatter.fees.detail, `${lang}/${frontmatter.slug}`).toMatch(lang === 'en' ? /\bfree\b/i : /不收费|免费/);
    }
  });

  it('put the funeral home’s 24-hour line among the funeral guide’s urgent numbers, in both languages', async () => {
    const { guides } = await readGuideDirectory(GUIDES);
    for (const lang of ['zh-CN', 'en'] as const) {
      const funeral = guides.find((guide) => guide.lang === lang && guide.frontmatter.slug === 'basic-funeral-services');
      expect(funeral?.frontmatter.urgentPhones.map((phone) => phone.number)).toEqual(['{{ex:0000-12345678}}', '110']);
    }
  });

  it('accept as an urgent number only something a phone can dial', () => {
    expect(UrgentPhoneSchema.safeParse({ label: '殡仪馆', number: '{{ex:0571-88880000}}' }).success).toBe(true);
    expect(UrgentPhoneSchema.safeParse({ label: '报警', number: '110' }).success).toBe(true);
    expect(UrgentPhoneSchema.safeParse({ label: '殡仪馆', number: '请打殡仪馆电话' }).success).toBe(false);
    expect(UrgentPhoneSchema.safeParse({ label: '殡仪馆', number: '' }).success).toBe(false);
  });
});

describe('the service whose ratings a guide names', () => {
  it('is the service of the guide’s own name, else the one its apply or book path starts, else none', () => {
    expect(serviceOfGuide({ slug: 'old-age-allowance', apply: { path: '/apply/old-age-allowance' } })).toBe('old-age-allowance');
    expect(serviceOfGuide({ slug: 'divorce-registration', apply: { path: '/book/marriage' } })).toBe('divorce-registration');
    expect(serviceOfGuide({ slug: 'marriage-registration', apply: { path: '/book/marriage' } })).toBe('marriage-appointment');
    expect(serviceOfGuide({ slug: 'funeral-services', apply: {} })).toBeUndefined();
  });
});
