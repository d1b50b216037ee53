/**
 * A readable API reference rendered on the server from the OpenAPI document: no script, no
 * third-party assets, so it meets the same Content-Security-Policy and accessibility bar as the
 * site. Machine clients read /api/v1/openapi.json.
 */
import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { translator, type Locale } from '../i18n/index.ts';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const API_DOCS_STYLE = 'body{font:16px/1.6 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#0b0c0c}code,pre{font-family:ui-monospace,monospace}pre{background:#f3f2f1;padding:.75rem;overflow:auto}.method{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:.25rem .5rem}a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}';

/** The page's policy: its one inline stylesheet by hash, nothing else. */
export const API_DOCS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(API_DOCS_STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

function schemaType(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(' | ');
  return String(schema.type ?? '');
}

export function renderApiDocsPage(document: Record<string, unknown>, lang: Locale): HtmlEscapedString | Promise<HtmlEscapedString> {
  const t = translator(lang);
  const paths = (document.paths ?? {}) as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  const info = (document.info ?? {}) as { title?: string; description?: string; version?: string };
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
  );
  const schemas = ((document.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {}) as Record<string, unknown>;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('api.docsTitle')} – ${t('site.name')}</title>
<style>${raw(API_DOCS_STYLE)}</style>
</head>
<body>
<main>
<h1>${t('api.docsTitle')}</h1>
<p>${info.description ?? ''}</p>
<p><a href="/api/v1/openapi.json">openapi.json</a> · OpenAPI 3.1 · ${info.version ?? ''}</p>
${operations.map(
  ({ path, method, op }) => html`<section>
<h2><span class="method">${method}</span> <code>/api/v1${path}</code></h2>
<p>${op.summary ?? ''}</p>
${op.parameters?.length
  ? html`<table><caption>${t('api.parameters')}</caption><thead><tr><th scope="col">${t('api.columnName')}</th><th scope="col">${t('api.columnIn')}</th><th scope="col">${t('api.columnType')}</th><th scope="col">${t('api.columnRequired')}</th><th scope="col">${t('api.columnDescription')}</th></tr></thead><tbody>
${op.parameters.map(
  (p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${schemaType(p.schema)}</td><td>${p.required ? t('api.yes') : t('api.no')}</td><td>${p.description ?? (p.schema?.description as string | undefined) ?? ''}</td></tr>`,
)}</tbody></table>`
  : ''}
<table><caption>${t('api.responses')}</caption><tbody>
${Object.entries(op.responses ?? {}).map(([status, r]) => html`<tr><th scope="row">${status}</th><td>${r.description ?? ''}</td></tr>`)}
</tbody></table>
</section>`,
)}
<h2>${t('api.schemas')}</h2>
${Object.entries(schemas).map(([name, schema]) => html`<h3 id="schema-${name}">${name}</h3><pre>${raw(escapeJson(schema))}</pre>`)}
</main>
</body>
</html>`;
}

function escapeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
