/**
 * What to bring to a marriage registry appointment: one list, by kind of business, by visit (a
 * divorce has two) and by each party's ID document, which the confirmation page and the printed
 * receipt both show (so they cannot disagree). It follows the guides' materials: a divorce's first
 * visit has no 受理回执 yet (the office issues it at that visit; it is for the second, or for a
 * withdrawal), a Hong Kong, Macao or Taiwan resident marrying brings a notarised declaration and a
 * foreigner proof of having no spouse (《婚姻登记条例》第八条), a reissue needs only the person who
 * comes. Pure: the lines are translated by the caller's `t`.
 */
import { dynamicKey, type Translate } from '../../i18n/index.ts';
import { ID_DOCUMENT_TYPES, type IdDocumentType } from '../../domain/identity/id-document.ts';
import type { MarriageKind } from './offices.ts';

type Party = 'partyA' | 'partyB';

/** One thing to bring: its text (booking.bring.<key>), for whom and which document where it names one. */
export interface BringItem {
  key:
    | 'document'
    | 'ownDocument'
    | 'declarationHkMacaoTaiwan'
    | 'noSpouseProof'
    | 'marriagePhotos'
    | 'marriageCertificates'
    | 'divorceAgreement'
    | 'acceptanceReceipt'
    | 'divorcePhotos'
    | 'reissuePhotos'
    | 'onSite';
  who?: Party;
  document?: IdDocumentType;
}

export interface BringInput {
  kind: MarriageKind;
  /** 1, or 2 for a divorce's second visit (to receive the certificate). */
  visit: 1 | 2;
  /** Each party's document; a party without one (a reissue's second) brings nothing of their own. */
  documents: Partial<Record<Party, IdDocumentType>>;
}

const HK_MACAO_TAIWAN: readonly IdDocumentType[] = ['residence-permit', 'hk-macao-permit', 'taiwan-permit'];
const FOREIGN: readonly IdDocumentType[] = ['passport', 'foreign-permanent-id'];

export function whatToBring({ kind, visit, documents }: BringInput): BringItem[] {
  if (kind === 'reissue') {
    return [{ key: 'ownDocument', document: documents.partyA ?? 'resident-id' }, { key: 'reissuePhotos' }, { key: 'onSite' }];
  }
  const parties = (['partyA', 'partyB'] as const).map((who) => ({ who, document: documents[who] ?? 'resident-id' }));
  const ownDocuments = parties.map(({ who, document }): BringItem => ({ key: 'document', who, document }));
  if (kind === 'marriage') {
    const statements = parties.flatMap(({ who, document }): BringItem[] =>
      HK_MACAO_TAIWAN.includes(document) ? [{ key: 'declarationHkMacaoTaiwan', who }] : FOREIGN.includes(document) ? [{ key: 'noSpouseProof', who }] : [],
    );
    return [...ownDocuments, ...statements, { key: 'marriagePhotos' }, { key: 'onSite' }];
  }
  if (visit === 1) return [...ownDocuments, { key: 'marriageCertificates' }, { key: 'divorceAgreement' }, { key: 'onSite' }];
  return [...ownDocuments, { key: 'marriageCertificates' }, { key: 'divorceAgreement' }, { key: 'acceptanceReceipt' }, { key: 'divorcePhotos' }];
}

/** The items as lines in the reader's language. */
export function bringLines(items: readonly BringItem[], t: Translate): string[] {
  return items.map((item) =>
    t(dynamicKey`marriage:booking.bring.${item.key}`, {
      ...(item.who ? { who: t(dynamicKey`marriage:booking.bring.who.${item.who}`, {}) } : {}),
      ...(item.document ? { document: t(dynamicKey`marriage:identity.document.${item.document}`, {}) } : {}),
    }),
  );
}

/** The parties' documents as a booking's flat answers hold them ('partyA.idType'); a missing type is the resident ID card. */
export function documentsOf(answers: Readonly<Record<string, string | undefined>>, kind: string): Partial<Record<Party, IdDocumentType>> {
  const type = (party: Party): IdDocumentType => ID_DOCUMENT_TYPES.find((known) => known === answers[`${party}.idType`]) ?? 'resident-id';
  return kind === 'reissue' ? { partyA: type('partyA') } : { partyA: type('partyA'), partyB: type('partyB') };
}
