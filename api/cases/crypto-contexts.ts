/**
 * The contexts under which a case's personal data is encrypted (FieldCrypto.encrypt) and hashed for
 * lookups (FieldCrypto.lookupHash). A value sealed or hashed under one context cannot be read or
 * matched under another, so each purpose has its own. Changing one makes existing rows unreadable.
 */
export const ANSWERS_CONTEXT = 'cases.answers';
export const ID_HASH_CONTEXT = 'cases.applicant_id';
export const PHONE_HASH_CONTEXT = 'cases.applicant_phone';
/** Where a document the portal held itself was found (docs/decisions/074): case_evidence_on_record.reference_enc. */
export const EVIDENCE_CONTEXT = 'cases.evidence_on_record';
/** A service's "once per …" key (the deceased's ID number), by keyed hash: docs/decisions/061. */
export const ONCE_KEY_CONTEXT = 'cases.once_key';
/** People on an appointment, by keyed hash of their ID number: "one active appointment per person per kind", and either party's lookup. */
export const PERSON_HASH_CONTEXT = 'appointments.person';
