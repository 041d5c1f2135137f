// Talks to the API server with the user's bearer token: requests, and lists kept current by watches.

export class Unauthorized extends Error {}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async request(method, path) {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401) throw new Unauthorized('unauthorized');
    const text = await response.text();
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    if (!response.ok) {
      const message = typeof body === 'object' && body?.message ? body.message : `${response.status} ${text}`;
      throw new Error(message);
    }
    return body;
  }

  get(path) { return this.request('GET', path); }
  post(path) { return this.request('POST', path); }
}

/**
 * A list of one kind kept current: lists, then watches from the list's resourceVersion, applying
 * each event; on a broken stream it watches again from the last version seen, on 410 Gone it lists
 * again. onChange(kind, type, object) is called after every event.
 */
export class Collection {
  constructor(api, path, onChange, onStatus) {
    this.api = api;
    this.path = path;
    this.onChange = onChange;
    this.onStatus = onStatus;
    this.items = new Map();
    this.abort = new AbortController();
  }

  list() { return [...this.items.values()]; }

  stop() { this.abort.abort(); }

  async start() {
    await this.relist();
    this.loop();
  }

  async relist() {
    const list = await this.api.get(this.path);
    this.items = new Map(list.items.map(o => [key(o), o]));
    this.version = list.metadata.resourceVersion;
    this.onChange('RELISTED', null);
  }

  async loop() {
    while (!this.abort.signal.aborted) {
      try {
        await this.watch();
      } catch (e) {
        if (this.abort.signal.aborted) return;
        if (e instanceof Unauthorized) { this.onStatus('unauthorized'); return; }
        this.onStatus('reconnecting');
        await sleep(1000);
      }
    }
  }

  async watch() {
    const separator = this.path.includes('?') ? '&' : '?';
    const url = `${this.path}${separator}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(this.version)}`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${this.api.token}` },
      signal: this.abort.signal,
      cache: 'no-store',
    });
    if (response.status === 401) throw new Unauthorized('unauthorized');
    if (response.status === 410) { await this.relist(); return; }
    if (!response.ok) throw new Error(`watch ${response.status}`);
    this.onStatus('live');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) await this.apply(JSON.parse(line));
      }
    }
  }

  async apply(event) {
    const object = event.object;
    if (event.type === 'ERROR') {
      if (object?.code === 410) { await this.relist(); return; }
      throw new Error(object?.message || 'watch error');
    }
    this.version = object.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'DELETED') this.items.delete(key(object));
    else this.items.set(key(object), object);
    this.onChange(event.type, object);
  }
}

function key(object) {
  return `${object.metadata.namespace || ''}/${object.metadata.name}`;
}

export function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
