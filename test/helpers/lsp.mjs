// A minimal LSP client for tests: spawns the server over stdio and speaks JSON-RPC with Content-Length framing.
import { spawn } from 'node:child_process';
import { built } from './dist.mjs';

/**
 * A JSON-RPC message as it travels: a request (id and method), a response (id) or a notification
 * (method). Payloads are JSON the tests read freely, hence `any`.
 * @typedef {{ jsonrpc?: string, id?: number, method?: string, params?: any, result?: any, error?: { message: string, code: number } }} Message
 */
/** @typedef {(params: any) => unknown} RequestHandler */

export class LspClient {
  /**
   * @param {string[]} [args] the server's command-line arguments
   * @param {NodeJS.ProcessEnv} [env] added to this process's environment
   */
  constructor(args = ['--stdio'], env = {}) {
    this.proc = spawn(process.execPath, [built('server.js'), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.nextId = 1;
    /** @type {Map<number, { resolve: (result: any) => void, reject: (error: Error) => void }>} */
    this.pending = new Map();
    /** @type {Message[]} every notification received, in order */
    this.notifications = [];
    /** @type {((msg: Message) => boolean)[]} */
    this.waiters = [];
    /** @type {Map<string, RequestHandler>} */
    this.requestHandlers = new Map();
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.proc.stdout.on('data', (chunk) => this.#onData(chunk));
    this.proc.stderr.on('data', (chunk) => (this.stderr += chunk));
    /** @type {Promise<number | null>} */
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  /** @param {Buffer} chunk */
  #onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString());
      if (!header) throw new Error(`a message header without Content-Length: ${this.buffer.subarray(0, headerEnd)}`);
      const length = Number(header[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.#onMessage(JSON.parse(body));
    }
  }

  /** @param {Message} msg */
  #onMessage(msg) {
    if (msg.id !== undefined && msg.method) {
      const handler = this.requestHandlers.get(msg.method);
      // A handler may answer later (a slow client): it returns a promise.
      void Promise.resolve(handler ? handler(msg.params) : null).then((result) =>
        this.sendRaw({ jsonrpc: '2.0', id: msg.id, result }),
      );
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p?.resolve(msg.result);
    } else {
      this.notifications.push(msg);
      this.waiters = this.waiters.filter((w) => !w(msg));
    }
  }

  /** @param {Message} message */
  sendRaw(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /**
   * @param {string} method
   * @param {unknown} params
   * @returns {Promise<any>}
   */
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.sendRaw({ jsonrpc: '2.0', id, method, params });
    });
  }

  /**
   * @param {string} method
   * @param {unknown} params
   */
  notify(method, params) {
    this.sendRaw({ jsonrpc: '2.0', method, params });
  }

  /**
   * Answers the server's `method` requests with what `handler` returns (or resolves to).
   * @param {string} method
   * @param {RequestHandler} handler
   */
  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  /**
   * Resolves with the first notification (past or future) that satisfies `predicate`; rejects after `ms`.
   * @param {(msg: Message) => boolean} predicate
   * @returns {Promise<Message>}
   */
  waitFor(predicate, ms = 10000) {
    const seen = this.notifications.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${ms} ms`)), ms);
      this.waiters.push((msg) => {
        if (!predicate(msg)) return false;
        clearTimeout(timer);
        resolve(msg);
        return true;
      });
    });
  }

  /**
   * @param {object} [capabilities]
   * @param {unknown} [initializationOptions]
   */
  async initialize(capabilities = {}, initializationOptions) {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  async shutdown() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.exited;
  }
}
