/**
 * The status page's panel of a case, as data (docs/decisions/036): each service maps what a lookup
 * answers (CaseProgress) into this view model, and site/pages/track.astro renders it through
 * site/components/status/ without naming any service. Every string here is already in the reader's
 * language: the panel is given the page's translate and date functions, so it stays pure (no
 * request, no clock, no environment). A service that registers no panel gets `defaultStatusPanel`,
 * built from its workflow alone.
 */
import { dynamicKey, keyFrom, type MessageKey, type Translate } from '../i18n/index.ts';
import type { CaseProgress } from './case-service.ts';
import { valueText, type RecordedValues, type ValueFormat } from './recorded-values.ts';
import type { ServiceDefinition } from '../domain/workflow/workflow.ts';
import { KIND_LABEL, megabytes, type FileKind } from '../engine/files/upload-policy.ts';

/** What a panel may use to speak to the reader (the page's PageContext and caseWords satisfy it). */
export interface StatusContext {
  t: Translate;
  formatDate(value: string): string;
  /** A calendar month (YYYY-MM) as the reader's language writes it. */
  formatMonth(month: string): string;
  /** An amount in whole fen as the reader's language writes money (1,700 元 / ¥1,700). */
  formatYuan(fen: number): string;
  /** A site path in the reader's language. */
  href(path: string): string;
  /** The names of a case's service, states and events (site/lib/case-words.ts). */
  words: {
    service(service: string): string;
    state(service: string, state: string): string;
    event(service: string, transition: string): string;
    /** What the applicant is told comes next in a state; '' where the service's words say nothing. */
    next(service: string, state: string): string;
    /** A field's label, the service's own else common's. */
    field(service: string, path: string): string;
  };
}

/** A line of text; `data` become data-* attributes a test or a script may read. */
export interface StatusLine {
  text: string;
  testId?: string;
  data?: Readonly<Record<string, string>>;
}

export interface StatusFact {
  label: string;
  value: string;
  /** The case's state: the value the reader looks for first. */
  strong?: boolean;
  /** Said after the value, quieter (a visit that was cancelled). */
  note?: string;
  testId?: string;
  valueTestId?: string;
  /** An office's id: the page shows its name (in its own language) and how to reach it instead of `value`. */
  place?: string;
}

export interface StatusFacts {
  heading?: string;
  facts: StatusFact[];
}

/** A notice beside the facts (a divorce's legal periods). `id` names its heading. */
export interface StatusNotice {
  id: string;
  heading: string;
  items: StatusLine[];
  paragraphs: StatusLine[];
}

export interface StatusEvent {
  name: string;
  date: string;
  details: { label: string; value: string }[];
}

export interface StatusNextStep {
  text: string;
  /** A link the next step calls for (book again). */
  link?: { label: string; href: string };
  /** What the applicant is asked to provide (补正). */
  asked?: { heading: string; text: string; testId: string };
  /** The time limit is paused. */
  paused?: string;
  /** When the running time limit ends, the date interpolated into its sentence. */
  due?: string;
}

export interface StatusButton {
  label: string;
  /** The form's `action` value the status page acts on. */
  action: string;
  style: 'primary' | 'secondary';
}

/**
 * A field the applicant fills in a form of the panel (a 补正 answer's files and note): `name` is the
 * part it is sent as and the id its message links to; `hint` says the limits, from their source.
 */
export type StatusInput =
  | { kind: 'file'; name: string; label: string; hint: string; multiple: boolean; accept: string }
  | { kind: 'text'; name: string; label: string; hint: string; maxLength: number }
  /** One of a few choices (a claim's ground), `value` chosen unless the reader chose another. */
  | { kind: 'choice'; name: string; label: string; hint: string; options: readonly { value: string; label: string }[]; value: string };

/**
 * What the applicant may do now. A form posts back to the status page with the case's key (tracking
 * number, second factor, lookup token) added by the page, its own hidden `fields`, the `inputs` the
 * applicant fills (a form with a file input is sent as multipart) and the button pressed: no
 * JavaScript; with `path`, the form posts there instead (with the same key: continuing a bundle's
 * item, docs/decisions/076). A link goes elsewhere (a download).
 */
export type StatusAction =
  | { kind: 'form'; id: string; heading: string; hint: string; fields: Readonly<Record<string, string>>; inputs?: readonly StatusInput[]; buttons: StatusButton[]; path?: string }
  | { kind: 'link'; id: string; heading: string; hint: string; label: string; href: string; download?: boolean };

/** The words of the confirmation before the applicant stops the case (withdraw, cancel). */
export interface StatusStop {
  confirmTitle: string;
  hint: string;
  confirmYes: string;
  confirmNo: string;
}

/** The words of choosing a time (moving a visit, booking a second one), by choice. */
export interface TimeChoiceWords {
  dateTitle: string;
  slotTitle: string;
  hint: string;
  confirm: string;
  /** Said next to the days, or the times, when the form came without one. */
  dateMissing: string;
  timeMissing: string;
  /** Said when no day offered can be booked. */
  noDays?: string;
}

export interface StatusPanelView {
  /** What the reader's last step did, said above the heading. */
  said?: string;
  summary: StatusFacts;
  /** Further facts, each under its heading (an appointment's office and times). */
  details: StatusFacts[];
  notices: StatusNotice[];
  next: StatusNextStep;
  timeline: StatusEvent[];
  actions: StatusAction[];
  stop?: StatusStop;
  timeChoices: Readonly<Record<string, TimeChoiceWords>>;
}

/** What the reader's last step was, for the panel to say what it did. */
export type StatusDone = 'withdraw' | 'reschedule' | 'book-second-visit' | 'cancel-second-visit' | 'provide-documents' | 'send-exemption-proof';

/** A service's status panel: the lookup's answer in, the view model out. */
export type StatusPanel = (progress: CaseProgress, context: StatusContext, done?: StatusDone) => StatusPanelView;

/** Service, state and the day it was sent: every case has them. */
export function summaryFacts(progress: CaseProgress, { t, formatDate, words }: StatusContext): StatusFacts {
  return {
    facts: [
      { label: t('track.service'), value: words.service(progress.service) },
      { label: t('track.state'), value: words.state(progress.service, progress.state), strong: true },
      { label: t('track.submittedOn'), value: formatDate(progress.submittedAt) },
      ...(progress.handledBy ? [{ label: t('track.handledBy'), value: t(keyFrom(progress.handledBy)) }] : []),
    ],
  };
}

/**
 * Each step with the date and what it told the applicant (a reason, the documents asked for, an
 * amount), the values of the fields in `values` written as their format says.
 */
export function timelineOf(progress: CaseProgress, context: StatusContext, values: RecordedValues = {}): StatusEvent[] {
  const { formatDate, words } = context;
  return progress.timeline.map((event) => ({
    name: words.event(progress.service, event.transition),
    date: formatDate(event.at),
    details: Object.entries(event.details).map(([key, value]) => ({ label: words.field(progress.service, key), value: valueText(context, values[key], value) })),
  }));
}

/** A fact a deciding step recorded, as the applicant reads it: the field, its label and how its value is written. */
export interface DecisionFact {
  field: string;
  label: MessageKey;
  format?: ValueFormat;
}

/** What the status page says of one kind of decision (an approval, a cut, a refusal). */
export interface DecisionShown {
  /** The facts it decided (an amount, from when), under the decision's heading. */
  facts?: readonly DecisionFact[];
  /** Said first under how to object: what of this decision one may disagree with (an approval's amount and first month). */
  lead?: MessageKey;
}

/**
 * A service's decisions on the status page (docs/decisions/050): an administrative decision may be
 * challenged whether it refuses, stops or grants, so every decision the case has had is followed by
 * how to object, with the law's periods; one that grants says what it granted and from when.
 */
export interface DecisionWords {
  /** By the transition that decides; the latest of them in the timeline is the decision the case stands on. */
  decisions: Readonly<Record<string, DecisionShown>>;
  /** The heading of a decision's facts. */
  heading: MessageKey;
  /** How to object: a heading and its paragraphs (the periods, who helps). */
  objection: { heading: MessageKey; paragraphs: readonly MessageKey[] };
  /** How the timeline writes the values its steps recorded, by field: the service's `recordedValues`, which the workbench's timeline uses too. */
  values?: RecordedValues;
}

/** The id of the notice saying how to object, and of the decision's facts (tests and links find them by it). */
export const OBJECTION_NOTICE = 'objection';
export const DECISION_FACTS = 'decision';

/**
 * The decision the case stands on (the latest deciding step the applicant saw): what it decided, as
 * facts, and how to object to it, as a notice. Nothing before a decision.
 */
export function decisionParts(progress: CaseProgress, context: StatusContext, words: DecisionWords): { details: StatusFacts[]; notices: StatusNotice[] } {
  const { t } = context;
  const event = progress.timeline.findLast((candidate) => Object.hasOwn(words.decisions, candidate.transition));
  const shown = event ? words.decisions[event.transition] : undefined;
  if (!event || !shown) return { details: [], notices: [] };
  const facts: StatusFact[] = (shown.facts ?? []).flatMap(({ field, label, format }) => {
    const value = event.details[field];
    return value === undefined ? [] : [{ label: t(label), value: valueText(context, format, value), testId: `${DECISION_FACTS}-${field}` }];
  });
  const paragraphs: StatusLine[] = [...(shown.lead ? [shown.lead] : []), ...words.objection.paragraphs].map((key) => ({ text: t(key) }));
  return {
    details: facts.length > 0 ? [{ heading: t(words.heading), facts }] : [],
    notices: [{ id: OBJECTION_NOTICE, heading: t(words.objection.heading), items: [], paragraphs }],
  };
}

/** The next step's text with what is asked (补正), a paused time limit and the running one's end. */
export function nextStepOf(progress: CaseProgress, { t, formatDate }: StatusContext, text: string): StatusNextStep {
  const running = progress.deadlines.find((deadline) => !deadline.paused);
  return {
    text,
    ...(progress.documentsRequested ? { asked: { heading: t('track.documentsRequested'), text: progress.documentsRequested, testId: 'documents-requested' } } : {}),
    ...(progress.deadlines.some((deadline) => deadline.paused) ? { paused: t('track.paused') } : {}),
    ...(running ? { due: t('track.dueBy', { date: formatDate(running.dueOn) }) } : {}),
  };
}

/** The translation keys of a way of stopping the case: `<prefix>Title`, `Hint`, `Button`, `ConfirmTitle`, `ConfirmYes`, `ConfirmNo`. */
export function stopAction(progress: CaseProgress, { t }: StatusContext, prefix: string): { action: StatusAction | undefined; stop: StatusStop } {
  const stop = {
    confirmTitle: t(dynamicKey`${prefix}ConfirmTitle`, { trackingNumber: progress.trackingNumber }),
    hint: t(dynamicKey`${prefix}Hint`),
    confirmYes: t(dynamicKey`${prefix}ConfirmYes`),
    confirmNo: t(dynamicKey`${prefix}ConfirmNo`),
  };
  const action: StatusAction | undefined = progress.withdrawable
    ? { kind: 'form', id: 'withdraw', heading: t(dynamicKey`${prefix}Title`), hint: stop.hint, fields: {}, buttons: [{ label: t(dynamicKey`${prefix}Button`), action: 'confirm-withdraw', style: 'secondary' }] }
    : undefined;
  return { action, stop };
}

/** What a file input offers to choose, by the kinds the engine reads from the bytes (the choice is a convenience: the bytes decide). */
export const ACCEPT: Record<string, string> = { pdf: '.pdf,application/pdf', jpeg: '.jpg,.jpeg,image/jpeg', png: '.png,image/png', heic: '.heic,.heif,image/heic,image/heif' };

/**
 * The applicant's answer to 补正 (docs/decisions/039), while the lookup says they may give one: the
 * files (several at once) and a note, their limits as the API states them; the button's action is
 * the workflow's transition.
 */
export function documentsAnswerAction(progress: CaseProgress, { t }: StatusContext): StatusAction | undefined {
  const answer = progress.documentsAnswer;
  if (!answer) return undefined;
  const kinds = answer.accept.map((kind) => KIND_LABEL[kind as FileKind] ?? kind.toUpperCase()).join('/');
  return {
    kind: 'form',
    id: 'provide-documents',
    heading: t('track.supplement.title'),
    hint: t('track.supplement.hint'),
    fields: {},
    inputs: [
      {
        kind: 'file',
        name: 'files',
        label: t('track.supplement.files'),
        hint: t('track.supplement.filesHint', { kinds, max: megabytes(answer.maxFileBytes), count: answer.filesLeft }),
        multiple: true,
        accept: answer.accept.map((kind) => ACCEPT[kind] ?? '').filter(Boolean).join(','),
      },
      { kind: 'text', name: 'note', label: t('track.supplement.note'), hint: t('track.supplement.noteHint', { max: answer.noteMaxLength }), maxLength: answer.noteMaxLength },
    ],
    buttons: [{ label: t('track.supplement.button'), action: 'provide-documents', style: 'primary' }],
  };
}

/**
 * An application's panel: the summary, the decision and how to object to it where the service says
 * (`decisions`), the next step (`nextText`), the timeline and withdrawal while there is no decision.
 */
export function applicationPanel(nextText: (progress: CaseProgress, context: StatusContext) => string, decisions?: DecisionWords): StatusPanel {
  return (progress, context, done) => {
    const { action, stop } = stopAction(progress, context, 'track.withdraw');
    const answer = documentsAnswerAction(progress, context);
    const decided = decisions ? decisionParts(progress, context, decisions) : { details: [], notices: [] };
    return {
      ...(done === 'withdraw' ? { said: context.t('track.withdrawn') } : done === 'provide-documents' ? { said: context.t('track.supplement.received') } : {}),
      summary: summaryFacts(progress, context),
      details: decided.details,
      notices: decided.notices,
      next: nextStepOf(progress, context, nextText(progress, context)),
      timeline: timelineOf(progress, context, decisions?.values),
      // Answering comes first: it is what the case waits for.
      actions: [answer, action].filter((each): each is StatusAction => each !== undefined),
      stop,
      timeChoices: {},
    };
  };
}

/**
 * A built-in application's panel: its next step is its words' `next.<state>` (the service's `words`,
 * docs/decisions/038), and its decisions are shown as `decisions` says.
 */
export const builtInApplicationPanel = (decisions?: DecisionWords): StatusPanel => applicationPanel((progress, { words }) => words.next(progress.service, progress.state), decisions);

/**
 * The panel of a service that registers none (a package's, such as the test-only service), from its
 * workflow: its own next step where its words have one (`next.<state>` under its `words`), else
 * "finished" in a terminal state, or the steps that may come next, named as its events are. A
 * service that says what its decisions show (`decisions`) registers this with them.
 */
export function defaultStatusPanel(workflow: Pick<ServiceDefinition, 'states' | 'transitions'> | undefined, decisions?: DecisionWords): StatusPanel {
  return applicationPanel((progress, { t, words }) => {
    const own = words.next(progress.service, progress.state);
    if (own) return own;
    if (workflow?.states[progress.state]?.terminal) return t('track.panel.finished');
    // Steps the applicant never sees (an objection recorded on the case) are not announced either.
    const coming = (workflow?.transitions ?? []).filter((transition) => transition.from.includes(progress.state) && !transition.by.includes('applicant') && transition.visibility === 'applicant');
    if (coming.length === 0) return t('track.panel.waiting');
    return t('track.panel.comingNext', { steps: coming.map((transition) => words.event(progress.service, transition.name)).join(t('punctuation.listSeparator')) });
  }, decisions);
}
