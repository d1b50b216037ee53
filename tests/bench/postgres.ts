/**
 * A throwaway PostgreSQL schema for one benchmark run. The portal reads only DATABASE_URL, so the
 * schema travels inside the URL as libpq's `options=-c search_path=…`, which node-postgres passes
 * to the server as a startup parameter.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchSchema {
  schema: string;
  /** DATABASE_URL for the portal: the base URL with search_path set to the schema. */
  url: string;
  /** How many tables the portal created in the schema (proves it used it). */
  tableCount(): Promise<number>;
  drop(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchSchema(baseUrl: string): Promise<BenchSchema> {
  // Lower case letters, digits and "_" only: safe to put in SQL and in a URL unquoted.
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const separator = baseUrl.includes('?') ? '&' : '?';
  const url = `${baseUrl}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  await withClient(baseUrl, (client) => client.query(`create schema ${schema}`));
  const drop = () => withClient(baseUrl, (client) => client.query(`drop schema if exists ${schema} cascade`)).then(() => undefined);
  try {
    // If the URL parameter were ignored, the portal would migrate into the default schema of a
    // shared database: refuse to go on unless the server really applied it.
    const searchPath = await withClient(url, async (client) => (await client.query<{ search_path: string }>('show search_path')).rows[0]?.search_path);
    if (searchPath !== schema) throw new Error(`options=-c search_path was not honoured (search_path is ${searchPath})`);
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    schema,
    url,
    tableCount: () =>
      withClient(baseUrl, async (client) => {
        const result = await client.query<{ count: string }>('select count(*) as count from information_schema.tables where table_schema = $1', [schema]);
        return Number(result.rows[0]?.count ?? 0);
      }),
    drop,
  };
}
