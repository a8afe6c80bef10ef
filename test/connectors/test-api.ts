import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  url: URL;
  headers: http.IncomingHttpHeaders;
  /** Milliseconds since the API started, to check waits between retries. */
  at: number;
}

export type Handler = (request: RecordedRequest, response: http.ServerResponse) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1 with a free port, answering with the handler a test sets. */
export class TestApi {
  readonly requests: RecordedRequest[] = [];
  private handler: Handler = (_request, response) => void response.writeHead(500).end();
  private readonly started = Date.now();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<TestApi> {
    const server = http.createServer();
    const api = new TestApi(server);
    server.on('request', (incoming: http.IncomingMessage, response: http.ServerResponse) => {
      const request = { url: new URL(incoming.url ?? '/', api.url), headers: incoming.headers, at: Date.now() - api.started };
      api.requests.push(request);
      Promise.resolve(api.handler(request, response)).catch((error: unknown) => response.writeHead(599).end(String(error)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  handle(handler: Handler): void {
    this.requests.length = 0;
    this.handler = handler;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export function sendJson(response: http.ServerResponse, body: unknown, status = 200, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** `count` customers starting at id `from`. */
export function customers(from: number, count: number): Array<{ id: number; email: string }> {
  return Array.from({ length: count }, (_, i) => ({ id: from + i, email: `c${from + i}@example.com` }));
}
