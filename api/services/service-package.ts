/**
 * A service as a whole, for one that is defined outside api/services and given to a portal when it
 * starts (docs/decisions/029): its case service (the registry's entry), what the generic question
 * pages need of it (site/pages/apply/[service]/), and its own words in each language, merged into the
 * portal's messages. The built-in services are registered in registry.ts and
 * site/lib/journey-services.ts; the only package today is the test-only service under tests/.
 */
import type { z } from 'zod';
import type { FlatAnswers } from '../domain/journey.ts';
import type { JourneyDefinition } from '../engine/journey/journey.ts';
import type { Locale } from '../i18n/index.ts';
import type { AnswerRow, RegisteredCaseService } from './registry.ts';

/** What the generic question pages need of a service (site/lib/journey-services.ts, site/lib/journey-pages.ts). */
export interface JourneyPages<Application = unknown> {
  /** Its address (/apply/<service>), the name of its draft, and its name in the registry and the API. */
  service: string;
  journey: JourneyDefinition;
  /** Where the pages' words are: `<messages>.start.*`, `<messages>.step.<step>.title|lead`, `<messages>.hint.<path>`, `<messages>.confirmation.*`, `<messages>.section.<id>`. */
  messages: string;
  /** The start page's list of what the applicant needs (`<messages>.start.need.<item>`). */
  startNeeds: readonly string[];
  /** The guide the start page links to. */
  guide: string;
  /** Text shown above a step's questions (a declaration's wording), by step: a translation key. */
  stepText?: Readonly<Record<string, string>>;
  /** A check box's own label, by field: a translation key. */
  checkboxLabels?: Readonly<Record<string, string>>;
  /** The schema of the application on a day. */
  schema(today: string): z.ZodType<Application>;
  /** Fields the pages ask that are not answers of the application, with their own schemas ("are you applying for someone else?"). */
  fieldSchemas: Readonly<Record<string, z.ZodType>>;
  notInSchema: readonly string[];
  /** The application the schema checks, from the draft's answers. */
  applicationFrom(answers: FlatAnswers): Record<string, unknown>;
  answerRows(application: Application, lang: Locale): AnswerRow[];
  /** The phone the confirmation says the text went to. */
  smsTo(application: Application): string;
}

/** Messages by language: nested objects of strings, merged under the portal's own (never replacing one). */
export type MessageTree = { readonly [key: string]: string | MessageTree };

export interface ServicePackage {
  /** The registry's name of the service (also its pages' address and its API path). */
  id: string;
  caseService: RegisteredCaseService;
  pages: JourneyPages;
  /**
   * Its words, by language. Besides what its pages use (JourneyPages.messages), the staff pages
   * (site/lib/staff-text.ts caseWords) name its cases by them, under `<pages.messages>.case`: `name` (the service),
   * `state.<state>` for every state of its workflow, `event.<transition>` for every transition
   * (and `submit`, the case's first event), and `action.<transition>` for every step staff take on
   * the workbench. They are its own, so its `accepted` never collides with another service's
   * (the built-in services keep the shared serviceName, caseState, caseEvent and workbench.action).
   * The status page's panel, unless `caseService.statusPanel` gives one, is built from the workflow
   * with these words, and says `next.<state>` as the next step where there is one
   * (docs/decisions/036).
   */
  messages: Readonly<Record<Locale, MessageTree>>;
}

/** A module named by SERVICE_PACKAGES_MODULE exports its packages under this name. */
export interface ServicePackageModule {
  servicePackages: readonly ServicePackage[];
}
