// A minimal LSP client for tests: spawns the server over stdio and speaks JSON-RPC with Content-Length framing.
import { spawn } from 'node:child_process';
import path from 'node:path';

export class LspClient {
  constructor(args = ['--stdio'], env = {}) {
    this.proc = spawn(process.execPath, [path.resolve('dist/server.js'), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.requestHandlers = new Map();
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.proc.stdout.on('data', (chunk) => this.#onData(chunk));
    this.proc.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  #onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.#onMessage(JSON.parse(body));
    }
  }

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

  sendRaw(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.sendRaw({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.sendRaw({ jsonrpc: '2.0', method, params });
  }

  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  /** Resolves with the first notification (past or future) that satisfies `predicate`; rejects after `ms`. */
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
