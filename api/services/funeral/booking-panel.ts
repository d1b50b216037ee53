/**
 * A funeral booking's status panel (docs/decisions/036, 075): the workflow's own panel, and, where
 * the booking opened a fee exemption claim (its exemption could not be decided from what the portal
 * holds), the claim said plainly — its ground, where it stands, what confirming it would waive and
 * what would then be paid, or what was waived, or why it was refused — and, while it waits for the
 * proof, the form that sends it (the ground, the files, a note). Pure: the lookup's answer in, the
 * view out, in the reader's language.
 */
import { dynamicKey } from '../../i18n/index.ts';
import { KIND_LABEL, megabytes, type FileKind } from '../../engine/files/upload-policy.ts';
import { ACCEPT, defaultStatusPanel, type StatusAction, type StatusFacts, type StatusPanel } from '../status-panel.ts';
import type { CaseClaimView } from '../case-service.ts';
import { funeralBookingWorkflow } from './booking-workflow.ts';
import { CLAIM_PROOF, EXEMPTION_CLAIM_GROUNDS } from './fee-exemption-claim.ts';

/** The action the proof's form names (the status page sends it to POST /funeral/exemption-claims). */
export const SEND_PROOF_ACTION = 'send-exemption-proof';

const base = defaultStatusPanel(funeralBookingWorkflow);

function claimFacts(claim: CaseClaimView, context: Parameters<StatusPanel>[1]): StatusFacts {
  const { t, formatYuan } = context;
  const decided = claim.status === 'confirmed' || claim.status === 'refused';
  const amounts = claim.status === 'refused' ? [] : [
    { label: (decided ? t('funeral:exemption.claim.track.waived') : t('funeral:exemption.claim.track.ifConfirmed')), value: formatYuan(claim.waivedFen), strong: true, testId: 'claim-waived' },
    { label: (decided ? t('funeral:exemption.claim.track.toPay') : t('funeral:exemption.claim.track.toPayIfConfirmed')), value: formatYuan(claim.toPayFen), testId: 'claim-to-pay' },
    ...claim.lines.filter((line) => line.waivedFen > 0).map((line) => ({ label: t(dynamicKey`funeral:catalogue.${line.item}`, { defaultValue: line.item }), value: t('funeral:exemption.claim.track.line', { item: t(dynamicKey`funeral:catalogue.${line.item}`, { defaultValue: line.item }), amount: formatYuan(line.waivedFen) }) })),
  ];
  return {
    heading: t('funeral:exemption.claim.track.heading'),
    facts: [
      { label: t('funeral:exemption.claim.track.groundLabel'), value: t(dynamicKey`funeral:exemption.claim.grounds.${claim.ground}`, { defaultValue: claim.ground }) },
      { label: t('funeral:exemption.claim.track.status'), value: t(dynamicKey`funeral:exemption.claim.track.statuses.${claim.status}`), testId: 'claim-status', valueTestId: `claim-status-${claim.status}` },
      ...amounts,
      ...(claim.refusal ? [{ label: t('funeral:exemption.claim.track.refusal'), value: claim.refusal, testId: 'claim-refusal' }] : []),
    ],
  };
}

function proofAction(claim: CaseClaimView, { t }: Parameters<StatusPanel>[1]): StatusAction | undefined {
  const proof = claim.proof;
  if (!proof) return undefined;
  const kinds = proof.accept.map((kind) => KIND_LABEL[kind as FileKind] ?? kind.toUpperCase()).join('/');
  return {
    kind: 'form',
    id: SEND_PROOF_ACTION,
    heading: t('funeral:exemption.claim.title'),
    hint: t('funeral:exemption.claim.track.hint'),
    fields: {},
    inputs: [
      {
        kind: 'choice',
        name: 'ground',
        label: t('funeral:exemption.claim.ground'),
        hint: t('funeral:exemption.claim.track.groundHint', { relief: t(CLAIM_PROOF.relief), youfu: t(CLAIM_PROOF.youfu) }),
        options: EXEMPTION_CLAIM_GROUNDS.map((ground) => ({ value: ground, label: t(dynamicKey`funeral:exemption.claim.grounds.${ground}`) })),
        value: claim.ground,
      },
      { kind: 'file', name: 'files', label: t('funeral:exemption.claim.proofFiles'), hint: t('funeral:exemption.claim.track.filesHint', { kinds, max: megabytes(proof.maxFileBytes), count: proof.maxFiles }), multiple: true, accept: proof.accept.map((kind) => ACCEPT[kind] ?? '').filter(Boolean).join(',') },
      { kind: 'text', name: 'note', label: t('funeral:exemption.claim.note'), hint: t('funeral:exemption.claim.track.noteHint', { max: proof.noteMaxLength }), maxLength: proof.noteMaxLength },
    ],
    buttons: [{ label: t('funeral:exemption.claim.track.button'), action: SEND_PROOF_ACTION, style: 'primary' }],
  };
}

export const funeralBookingPanel: StatusPanel = (progress, context, done) => {
  const view = base(progress, context, done === SEND_PROOF_ACTION ? undefined : done);
  const claim = progress.claim;
  if (!claim) return view;
  const action = proofAction(claim, context);
  return {
    ...view,
    ...(done === SEND_PROOF_ACTION ? { said: context.t('funeral:exemption.claim.track.received') } : {}),
    details: [...view.details, claimFacts(claim, context)],
    // The proof comes first: it is what the claim waits for.
    actions: action ? [action, ...view.actions] : view.actions,
  };
};
