// A real HTTP Marketplace that implements docs/marketplace-api.md strictly, in
// either dialect: the network API (networkKey in bodies) or the ministry
// gateway (client-credential tokens, a subscription key header, program IDs).
// It keeps class and online offerings per provider and can inject faults. It
// is the app's default Marketplace on first run and the one every test talks to.
// Its parts: what it holds (state), the routes both dialects share (routes)
// and each dialect's own (routes-network, routes-gateway), gateway tokens
// (token), faults, answers and the listener; this composes them.
import type http from 'node:http';
import type { ClassOffering, OnlineOffering, LearningRecord } from './contract';
import { answer, fail, send, HttpFailure, type Answer } from './answer';
import { NO_FAULTS, injectedFault, type Faults } from './faults';
import { createSandboxState, keyId, type SandboxState } from './state';
import { createTokens, TOKEN_PATH } from './token';
import { createListener } from './listener';
import { handle, type Dialect, type SandboxDialect } from './routes';
import { networkDialect, SANDBOX_BASE_PATH } from './routes-network';
import { gatewayDialect, exampleProgramIds, GATEWAY_BASE_PATH, type GatewayAccount } from './routes-gateway';

export { SANDBOX_BASE_PATH, GATEWAY_BASE_PATH, TOKEN_PATH, NO_FAULTS, exampleProgramIds };
export type { SandboxDialect, GatewayAccount, Faults };

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Body fields other than networkKey, as received. */
  body: Record<string, unknown> | null;
  /** The status answered; 0 when an injected timeout left it unanswered. */
  status: number;
}

export interface SandboxOptions {
  port?: number;
  /** Which dialect it speaks; the embedded sandbox speaks the network API. */
  dialect?: SandboxDialect;
  /** The gateway dialect's one provider. */
  gateway?: GatewayAccount;
  /** Lifetime of gateway tokens. */
  tokenTtlSeconds?: number;
  /** Accept only these network keys; by default any non-empty key is accepted. */
  keys?: string[];
  faults?: Partial<Faults>;
  random?: () => number;
  /** Keep listings in this JSON file, so the app's embedded sandbox survives a restart. */
  file?: string;
}

export interface Sandbox {
  url: string;
  baseUrl: string;
  /** The gateway dialect's token URL. */
  tokenUrl: string;
  port: number;
  dialect: SandboxDialect;
  /** A provider's class listings, by network key (network) or client id (gateway). */
  listings(owner: string): ClassOffering[];
  onlineListings(owner: string): OnlineOffering[];
  /** Learning records received from a provider since this sandbox started (ids survive a restart, bodies do not). */
  records(owner: string): LearningRecord[];
  tokenRequests(): number;
  /** Every token issued so far stops working (as when the gateway rotates its signing keys). */
  revokeTokens(): void;
  requests(): ReceivedRequest[];
  setFaults(faults: Partial<Faults>): void;
  /** Stops listening and starts again on the same port, keeping its data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The sandbox's own pages, for tests and benches: what it holds, by provider or all, and what it received. */
function inspect(state: SandboxState, received: readonly ReceivedRequest[], path: string, query: URLSearchParams, res: http.ServerResponse): boolean {
  if (path === '/__sandbox/offerings') {
    const key = query.get('networkKey') ?? query.get('clientId');
    send(res, 200, state.listings(key ? keyId(key) : null, query.get('collection') === 'online' ? 'online' : 'class'));
    return true;
  }
  if (path === '/__sandbox/records') {
    const key = query.get('networkKey') ?? query.get('clientId');
    send(res, 200, state.records(key ? keyId(key) : null));
    return true;
  }
  if (path === '/__sandbox/requests') {
    send(res, 200, received);
    return true;
  }
  return false;
}

interface Responder {
  dialect: Dialect;
  state: SandboxState;
  faults: Faults;
  random: () => number;
  received: ReceivedRequest[];
}

/** A call on the API, after its latency: an injected fault, or the routes' answer (the state kept once it changed). */
function respond({ dialect, state, faults, random, received }: Responder, req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string): void {
  const method = req.method ?? 'GET';
  let body: unknown = null;
  let parseError: HttpFailure | null = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      parseError = fail(400, 'invalid', 'The request body is not valid JSON.');
    }
  }
  const { networkKey: _redacted, ...fields } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const record = (status: number) => received.push({ method, path: url.pathname, body: body === null ? null : fields, status });

  const fault = injectedFault(faults, random(), { method, url: req.url, headers: req.headers, text });
  if (fault.kind === 'silence') return void record(0); // never answer: the client's timeout must fire
  if (fault.kind === 'answer') {
    record(fault.answer.status);
    return answer(res, fault.answer);
  }

  let outcome: Answer;
  try {
    if (parseError) throw parseError;
    outcome = handle(dialect, state, faults, method, url.pathname, url.searchParams, req.headers, body);
    state.persist();
  } catch (e) {
    if (!(e instanceof HttpFailure)) throw e;
    outcome = { status: e.status, body: e.body, headers: e.headers };
  }
  record(outcome.status);
  if (fault.resetAfterApply) {
    req.socket.destroy();
    return;
  }
  answer(res, outcome);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (options.dialect === 'gateway' && !options.gateway) throw new Error('The gateway sandbox needs an account (client id, secret, subscription key, program IDs).');
  const state = createSandboxState(options.file);
  const received: ReceivedRequest[] = [];
  let faults: Faults = { ...NO_FAULTS, ...options.faults };
  const random = options.random ?? Math.random;
  const allowed = options.keys ? new Set(options.keys) : null;
  const tokens = createTokens((options.tokenTtlSeconds ?? 3600) * 1000);
  const dialect = options.dialect === 'gateway' ? gatewayDialect(options.gateway!, tokens, allowed) : networkDialect(allowed);

  const listener = createListener((req, res, url, text) => {
    if (url.pathname === '/__sandbox/faults' && req.method === 'POST') {
      try {
        faults = { ...faults, ...(JSON.parse(text) as Partial<Faults>) };
        send(res, 200, faults);
      } catch {
        send(res, 400, { code: 'invalid', message: 'Faults must be JSON.' });
      }
      return;
    }
    if (req.method === 'GET' && inspect(state, received, url.pathname, url.searchParams, res)) return;
    if (dialect.name === 'gateway' && url.pathname === TOKEN_PATH && req.method === 'POST') {
      const issued = tokens.issue(options.gateway!, req.headers, text);
      send(res, issued.status, issued.body);
      return;
    }
    setTimeout(() => respond({ dialect, state, faults, random, received }, req, res, url, text), faults.latencyMs);
  });

  const port = await listener.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}${dialect.paths.basePath}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    port,
    dialect: dialect.name,
    listings: (owner) => state.listings(keyId(owner), 'class') as ClassOffering[],
    onlineListings: (owner) => state.listings(keyId(owner), 'online') as OnlineOffering[],
    records: (owner) => state.records(keyId(owner)),
    tokenRequests: () => tokens.requests(),
    revokeTokens: () => tokens.revoke(),
    requests: () => [...received],
    setFaults: (f) => {
      faults = { ...faults, ...f };
    },
    restart: async () => {
      await listener.stop();
      await listener.listen(port);
    },
    close: () => listener.stop(),
  };
}
