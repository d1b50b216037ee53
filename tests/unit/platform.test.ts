import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../api/env.ts';
import { createLogger } from '../../api/platform/logger.ts';
import { loadSecret } from '../../api/platform/secret.ts';
import { completePagePolicy } from '../../api/server/security-headers.ts';

describe('configuration', () => {
  it('has a working default for everything', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ env: 'development', port: 4321, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info', contentCheckMs: 1000 });
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ PORTAL_SECRET: 'short' })).toThrow(/PORTAL_SECRET/);
  });

  it('treats an empty DATABASE_URL as unset (the embedded database)', () => {
    expect(readConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('loads test-only services from a module under tests/ only, and never in production', () => {
    expect(readConfig({}).servicePackagesModule).toBeUndefined();
    expect(readConfig({ SERVICE_PACKAGES_MODULE: 'tests/support/test-service/service.ts' }).servicePackagesModule).toBe(join(process.cwd(), 'tests/support/test-service/service.ts'));
    for (const path of ['api/services/registry.ts', 'tests/../api/services/registry.ts', '/etc/passwd', './tests/x.ts']) {
      expect(() => readConfig({ SERVICE_PACKAGES_MODULE: path }), path).toThrow(/SERVICE_PACKAGES_MODULE/);
    }
    expect(() => readConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.gov.cn', SERVICE_PACKAGES_MODULE: 'tests/support/test-service/service.ts' })).toThrow(/SERVICE_PACKAGES_MODULE/);
  });
});

describe('the portal secret', () => {
  it('is generated once into DATA_DIR, readable by its owner only, and reused', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'secret-'));
    const first = loadSecret({ fromEnv: undefined, dataDir });
    expect(first.origin).toBe('generated');
    expect(first.key.length).toBe(32);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = loadSecret({ fromEnv: undefined, dataDir });
    expect(second.origin).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('comes from PORTAL_SECRET when set, and must be long enough', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'secret-'));
    expect(loadSecret({ fromEnv: 'ab'.repeat(32), dataDir }).origin).toBe('environment');
    expect(() => loadSecret({ fromEnv: 'abcd'.repeat(4), dataDir })).toThrow(/32 bytes/);
  });

  it('tightens a secret file someone made readable to others', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'secret-'));
    writeFileSync(join(dataDir, 'secret.key'), 'cd'.repeat(32), { mode: 0o644 });
    loadSecret({ fromEnv: undefined, dataDir });
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe('cd'.repeat(32));
  });
});

describe('the log', () => {
  it('writes JSON lines and redacts personal fields wherever they appear', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ applicant: { idNumber: '110101194001011234', phone: '13800138000', name: 'x' }, req: { headers: { cookie: 'session=abc' } } }, 'submitted');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', msg: 'submitted', applicant: { idNumber: '[redacted]', phone: '[redacted]' } });
    expect(lines.join('')).not.toContain('110101194001011234');
    expect(lines.join('')).not.toContain('session=abc');
  });
});

describe('the page security policy', () => {
  it('adds the directives Astro leaves out and keeps the ones it set', () => {
    const policy = completePagePolicy("script-src 'self' 'sha256-abc'; style-src 'self'");
    expect(policy).toContain("script-src 'self' 'sha256-abc'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(completePagePolicy("default-src 'none'")).not.toContain("default-src 'self'");
  });
});
