/**
 * The test-only service needs a proof of income before it is submitted (its upload step, min 1):
 * in-process API tests start a draft (POST /drafts), give it one through POST /drafts/{key}/files,
 * then submit with that draft's reference (`draft-reference`), as the pages do (docs/decisions/031, 033).
 */
import { readFileSync } from 'node:fs';
import { TEST_SERVICE } from './service.ts';

const PROOF = readFileSync(new URL('../../fixtures/files/scan.png', import.meta.url));

type Send = (url: string, init: RequestInit) => Response | Promise<Response>;

async function upload(send: Send, origin: string): Promise<string> {
  const created = await send(`${origin}/api/v1/drafts`, { method: 'POST', body: JSON.stringify({ service: TEST_SERVICE }), headers: { 'content-type': 'application/json' } });
  if (created.status !== 201) throw new Error(`starting a draft answered ${created.status}`);
  const { reference, draft } = (await created.json()) as { reference: string; draft: { key: string } };
  const form = new FormData();
  form.set('service', TEST_SERVICE);
  form.set('purpose', 'incomeProof');
  form.set('file', new Blob([new Uint8Array(PROOF)]), 'proof.png');
  // A form's body: the portal's same-origin check wants the Origin a browser sends.
  const response = await send(`${origin}/api/v1/drafts/${draft.key}/files`, { method: 'POST', body: form, headers: { origin, 'draft-reference': reference } });
  if (response.status !== 201) throw new Error(`uploading a proof answered ${response.status}`);
  return reference;
}

/** A new draft's reference (for `draft-reference`), holding one proof of income, through an in-process app. */
export function draftWithProof(app: { request: Send }): Promise<string> {
  return upload((url, init) => app.request(url, init), 'http://localhost');
}

/** The same against a running test server. */
export function draftWithProofAt(baseUrl: string): Promise<string> {
  return upload((url, init) => fetch(url, init), baseUrl);
}
