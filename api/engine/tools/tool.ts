/**
 * A tool journey (docs/decisions/041): questions on the journey engine that end in a result worked
 * out on the spot instead of an application sent (an eligibility self-check, a calculator). Nothing
 * is stored on the server: the answers travel in a sealed cookie (./sealed-answers.ts). A tool is
 * data in its service's folder, registered in site/lib/journey-tools.ts; the generic pages
 * (site/pages/apply/[service]/, at /check/<tool>: docs/decisions/048) ask its steps and show its result, naming no service.
 *
 * The result is a view model made by the tool's pure code: sections of translated words (keys with
 * their parameters already formatted), facts and links, so that the one result page renders any
 * tool's result. Pure: no HTTP, storage or clock (the day and the rule book are arguments).
 */
import type { ZodType } from 'zod';
import type { Locale } from '../../domain/guides/guide.schema.ts';
import type { WordsRoot } from '../../i18n/message-keys.ts';
import type { RuleBook } from '../rules/live-rules.ts';
import type { JourneyDefinition } from '../journey/journey.ts';

/** Words to show: a translation key (the tool's own, or common's) and its parameters, already formatted for the reader's language. */
export interface ToolMessage {
  key: string;
  params?: Readonly<Record<string, string | number>>;
}

export interface ToolLink {
  /** A site path, without the language prefix (the page adds it). */
  path: string;
  label: ToolMessage;
}

/** A labelled figure of the result ("the standard compared against: 1,400 元"); `example` marks a figure made up for the demonstration. */
export interface ToolFact {
  label: ToolMessage;
  value: ToolMessage;
  example?: boolean;
}

export interface ToolResultSection {
  /** Its element id, also what tests find it by. */
  id: string;
  heading: ToolMessage;
  /** The outcome the reader came for is set apart from the details. */
  tone?: 'outcome' | 'detail';
  paragraphs?: readonly ToolMessage[];
  list?: readonly ToolMessage[];
  facts?: readonly ToolFact[];
  links?: readonly ToolLink[];
}

export interface ToolResult {
  /** The result's first words under the page title (e.g. "You may be eligible for …"). */
  lead: ToolMessage;
  sections: readonly ToolResultSection[];
}

/** What a result is worked out with: the rules as this process reads them, the day, the reader's language. */
export interface ToolContext {
  rules: RuleBook;
  today: string;
  lang: Locale;
}

export interface ToolDefinition<Answers = unknown> {
  /** Its address, /check/<tool>, and the name its sealed answers are bound to. */
  tool: string;
  /**
   * Where its words are (`social-relief:selfCheck`): `start.*`, `step.<step>.{title,lead}` (and
   * `<step>-item`, `<step>-remove` for an add-another step), `fields.<path>` (a collection's item
   * fields without the index: `fields.members.wages`), `hint.<path>`, `result.title`, `result.*`.
   */
  messages: WordsRoot;
  journey: JourneyDefinition;
  /** The one schema of the answers (nested as the engine's nestAnswers gives them): a page's problems are its issues on that page's fields. */
  schema: ZodType<Answers>;
  result(answers: Answers, context: ToolContext): ToolResult;
  /** The guides (slugs) that offer the tool before their apply button ("check first"). */
  guides: readonly string[];
  /** The guide the start page links back to. */
  guide: string;
}
