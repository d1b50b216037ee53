/**
 * Runs an Astro page inside the Hono app and hands the result back as a Web Response.
 *
 * @astrojs/node in middleware mode writes to a Node ServerResponse. Giving it this small capturing
 * response instead lets every page pass back through Hono's middleware (security headers,
 * compression, the page cache, request logs) like any other response. Pages are small, so the lost
 * streaming costs nothing a reader would notice (docs/decisions/003-one-server.md).
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export type AstroNodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
  locals?: object,
) => Promise<void>;

class CapturedResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  readonly req: IncomingMessage;
  readonly #headers = new Headers();
  readonly #chunks: Buffer[] = [];
  readonly #done: { resolve: () => void; reject: (error: unknown) => void };
  readonly finished: Promise<void>;

  constructor(req: IncomingMessage) {
    super();
    this.req = req;
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    this.finished = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#done = { resolve, reject };
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.#headers.delete(name);
    for (const item of Array.isArray(value) ? value : [value]) this.#headers.append(name, String(item));
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.#headers.get(name) ?? undefined;
  }

  writeHead(status: number, headers?: OutgoingHttpHeaders): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value !== undefined) this.setHeader(name, value);
    }
    this.headersSent = true;
    return this;
  }

  write(chunk: string | Uint8Array, callback?: () => void): boolean {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    callback?.();
    return true;
  }

  end(chunk?: string | Uint8Array): this {
    if (chunk) this.write(chunk);
    this.headersSent = true;
    this.writableEnded = true;
    this.emit('finish');
    this.emit('close');
    this.#done.resolve();
    return this;
  }

  destroy(error?: unknown): this {
    this.emit('close');
    this.#done.reject(error ?? new Error('page rendering was aborted'));
    return this;
  }

  toResponse(): Response {
    const nullBody = this.statusCode === 204 || this.statusCode === 304 || this.req.method === 'HEAD';
    return new Response(nullBody ? null : Buffer.concat(this.#chunks), { status: this.statusCode, headers: this.#headers });
  }
}

/** Renders the request through Astro; resolves once the page is complete. */
export async function renderWithAstro(handler: AstroNodeHandler, req: IncomingMessage, locals: object): Promise<Response> {
  const captured = new CapturedResponse(req);
  // Without `next`, Astro answers every path itself (its 404 page for unknown ones).
  await handler(req, captured as unknown as ServerResponse, undefined, locals);
  await captured.finished;
  return captured.toResponse();
}
