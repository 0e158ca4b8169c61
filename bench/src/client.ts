import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A server to talk to: its URL, the CA its certificate chains to (HTTPS), and a bearer token. */
export interface Endpoint {
  url: string;
  ca?: string;
  token?: string;
}

/**
 * One keep-alive client per server, the same code for Dialtone, its baselines and its peers, so a
 * ratio compares servers and not clients.
 */
export class Client {
  private readonly agent: HttpAgent;
  private readonly secure: boolean;

  constructor(readonly endpoint: Endpoint) {
    this.secure = endpoint.url.startsWith('https:');
    this.agent = this.secure
      ? new HttpsAgent({ keepAlive: true, ...(endpoint.ca ? { ca: endpoint.ca } : {}) })
      : new HttpAgent({ keepAlive: true });
  }

  /** Resolves when the answer's headers arrive; the caller reads or destroys the body (a watch). */
  open(method: string, path: string, body?: string): Promise<IncomingMessage> {
    const headers: Record<string, string> = {
      ...(this.endpoint.token ? { authorization: `Bearer ${this.endpoint.token}` } : {}),
      ...(body !== undefined
        ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
        : {}),
    };
    const send = this.secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(new URL(path, this.endpoint.url), { method, headers, agent: this.agent });
      req.on('response', resolve);
      req.on('error', reject);
      req.end(body);
    });
  }

  /** The whole answer; anything but 2xx is an error that quotes the server. */
  async send(method: string, path: string, body?: unknown): Promise<Buffer> {
    const res = await this.open(method, path, body === undefined ? undefined : JSON.stringify(body));
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      throw new Error(`${method} ${path} answered ${status}: ${bytes.toString('utf8').slice(0, 300)}`);
    }
    return bytes;
  }

  get(path: string): Promise<Buffer> {
    return this.send('GET', path);
  }

  /** A GET whose JSON body is parsed, as any client of a list has to. */
  async json<T>(path: string): Promise<T> {
    return JSON.parse((await this.get(path)).toString('utf8')) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
