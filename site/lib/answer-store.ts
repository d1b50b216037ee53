/**
 * Where a journey's answers are kept between its pages (docs/decisions/048): an application's in its
 * draft on the server (./application-draft.ts, docs/decisions/033), a tool's only in the reader's
 * browser, sealed in a cookie (./journey-tools.ts, docs/decisions/041). The generic journey pages
 * (site/pages/apply/[service]/) read and write through this one interface and never ask which.
 */
import type { AstroGlobal } from 'astro';
import type { FlatAnswers } from '../../api/engine/journey/journey.ts';
import { newDraft, readDraft, writeDraft, type ApplicationDraft } from './application-draft.ts';
import { clearToolAnswers, readToolAnswers, writeToolAnswers, type JourneyTool } from './journey-tools.ts';
import { isTool, type AnyJourney } from './journey-services.ts';

type Astro = Pick<AstroGlobal, 'locals' | 'cookies' | 'url'>;

export interface HeldAnswers {
  /** The answers so far (a submitted application's, what its confirmation shows), or none yet. */
  draft?: ApplicationDraft;
  /**
   * The reader's answers could not be opened and were forgotten just now (a tool's cookie changed
   * or lapsed): the start page says so. A server draft whose reference lapsed is told by its start
   * page itself (draftLapsed), the reference staying until a new draft replaces it.
   */
  forgotten: boolean;
}

export interface AnswerStore {
  read(): Promise<HeldAnswers>;
  /** A journey begun: nothing answered yet. */
  begin(): Promise<ApplicationDraft>;
  /**
   * Whether beginning costs nothing (nothing is kept until a page is answered), so that any page
   * may begin it and send the reader on to the first question; a draft on the server is begun only
   * from the journey's first page.
   */
  readonly beginsAnywhere: boolean;
  /** Keeps the answers; false when they cannot be kept (a tool's answers grown beyond one cookie). */
  write(draft: ApplicationDraft): Promise<boolean>;
  /** "Start again": the answers are forgotten. */
  clear(): void;
}

/** An application's answers, in its draft on the server. */
export function serverDraftStore(astro: Astro, service: string): AnswerStore {
  return {
    read: async () => ({ draft: await readDraft(astro, service), forgotten: false }),
    begin: () => newDraft(astro, service),
    beginsAnywhere: false,
    write: async (draft) => {
      await writeDraft(astro, draft);
      return true;
    },
    clear: () => undefined,
  };
}

/** A tool's answers, only in the reader's sealed cookie: no key, no lapse the server keeps, nothing submitted. */
export function browserStore(astro: Astro, tool: JourneyTool): AnswerStore {
  const asDraft = (answers: FlatAnswers): ApplicationDraft => ({ service: tool.tool, key: '', answers: { ...answers } });
  return {
    read: async () => {
      const held = readToolAnswers(astro, tool);
      return { draft: held.state === 'open' ? asDraft(held.answers) : undefined, forgotten: held.state === 'restarted' };
    },
    begin: async () => asDraft({}),
    beginsAnywhere: true,
    write: async (draft) => writeToolAnswers(astro, tool, draft.answers),
    clear: () => clearToolAnswers(astro, tool),
  };
}

/** The store of a journey's kind: a tool's is the reader's browser, an application's the server. */
export const answerStore = (astro: Astro, journey: AnyJourney): AnswerStore => (isTool(journey) ? browserStore(astro, journey) : serverDraftStore(astro, journey.service));
