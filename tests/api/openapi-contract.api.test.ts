/**
 * /api/v1/openapi.json is the contract other bureau systems integrate against: it passes a standard
 * OpenAPI linter (Redocly CLI, its recommended ruleset: tests/support/redocly.yaml), names every
 * operation, says which need the staff session cookie, documents every request body and gives every
 * error answer the ApiError shape. That each status the server answers is documented is checked
 * against what the API tests were answered (answered-statuses.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../api/i18n/resources/en.ts';
import { zhCN } from '../../api/i18n/resources/zh-CN.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, { type: string; in?: string; name?: string }> };
}

describe('the OpenAPI document', () => {
  let runtime: TestRuntime;
  let document: OpenApiDocument;
  let operations: { key: string; path: string; method: string; operation: Operation }[];
  /** A schema with its reference followed and its allOf parts merged (what a client sees). */
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {});
    if (!schema.allOf) return schema;
    const parts = schema.allOf.map(resolve);
    return {
      type: parts.every((part) => part.type === 'object') ? 'object' : undefined,
      properties: Object.assign({}, ...parts.map((part) => part.properties)) as Record<string, Schema>,
      required: parts.flatMap((part) => part.required ?? []),
    };
  };

  beforeAll(async () => {
    runtime = await createTestRuntime('sqlite');
    document = (await (await runtime.portal.app.request('/api/v1/openapi.json')).json()) as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation })));
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('passes Redocly’s recommended rules with no error and no warning, offline', () => {
    const folder = mkdtempSync(join(tmpdir(), 'portal-openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const lint = spawnSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', join(ROOT, 'tests/support/redocly.yaml'), '--format=json'], {
        cwd: folder,
        encoding: 'utf8',
        // No usage reports, no update check: the linter needs nothing from the network.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
        timeout: 60_000,
      });
      const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
      expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
      expect(lint.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names every operation with an operationId of its own', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(operations.filter(({ operation }) => !operation.operationId).map(({ key }) => key)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks for the staff session cookie on every staff operation, and for nothing on the public ones', () => {
    expect(document.components.securitySchemes?.staff_session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'staff_session' });
    for (const { key, path, method, operation } of operations) {
      const staff = path.startsWith('/staff/') && !(method === 'post' && path === '/staff/session');
      expect(operation.security, key).toEqual(staff ? [{ staff_session: [] }] : []);
      if (staff) expect(Object.keys(operation.responses), key).toContain('401');
    }
  });

  it('documents the body of every operation that reads one, the booking and the application included', () => {
    const booking = operations.find(({ key }) => key === 'POST /marriage/appointments')?.operation.requestBody;
    const application = operations.find(({ key }) => key === 'POST /services/old-age-allowance/applications')?.operation.requestBody;
    expect(booking?.required).toBe(true);
    expect(resolve(booking?.content['application/json']?.schema ?? {})).toMatchObject({ type: 'object', required: expect.arrayContaining(['kind', 'office', 'date', 'start', 'partyA', 'phoneProofs']) });
    expect(Object.keys(resolve(booking?.content['application/json']?.schema ?? {}).properties ?? {})).toEqual(['kind', 'office', 'date', 'start', 'partyA', 'partyB', 'phoneProofs']);
    expect(resolve(application?.content['application/json']?.schema ?? {})).toMatchObject({ type: 'object', required: ['district', 'elder', 'bank', 'declaration'] });
    // Every operation that may answer 400 (a body that is not JSON) reads a body, and says what it is.
    for (const { key, operation } of operations.filter(({ operation }) => '400' in operation.responses)) {
      // The draft's upload reads a multipart form (its 400: a form that does not parse).
      const content = operation.requestBody?.content;
      expect(resolve(content?.['application/json']?.schema ?? content?.['multipart/form-data']?.schema ?? {}).type, key).toBe('object');
    }
  });

  it('gives every error answer the ApiError shape', () => {
    for (const { key, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const schema = resolve(response.content?.['application/json']?.schema ?? {});
        expect(schema.required, `${key} ${status}`).toContain('error');
        expect(resolve(schema.properties?.error ?? {}).required, `${key} ${status}`).toEqual(expect.arrayContaining(['code', 'message']));
      }
    }
  });

  it('answers a staff operation without a session with a message that says so, not the server-fault one, in both languages', async () => {
    for (const [lang, strings] of [['zh-CN', zhCN], ['en', en]] as const) {
      const response = await runtime.portal.app.request('/api/v1/staff/me', { headers: { 'accept-language': lang } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'not_signed_in', message: strings.errors.notSignedIn } });
      expect(strings.errors.notSignedIn).not.toBe(strings.errors.serverError);
    }
  });
});
