// Keeps a member desk in step with its team (docs/team.md, "Sync"): one
// exchange (pull, then push) at a time; another asked for by a local change, by
// the team's NOTIFY on a listening connection, and every POLL_MS in case a
// notification was missed. A failed exchange marks the desk offline and tries
// again later, sooner at first; nothing is lost meanwhile (the outbox is in
// SQLite). A desk in no team starts nothing here.
import type pg from 'pg';
import { AppFailure, failure, type AppError } from '../../../shared/errors';
import type { TeamSyncView } from '../../../shared/team';
import type { Credentials } from '../platform/credentials';
import type { AppLog } from '../platform/logging';
import type { Settings } from '../settings/settings';
import { registerDesk, type Exchange } from './sync-exchange';
import type { SyncStore } from './sync-store';
import { connectTeam, teamFailure } from './team-connection';

const POLL_MS = 15_000;
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
/** Local writes come in bursts (typing, a bulk action): one exchange after they pause. */
const SETTLE_MS = 150;
const KEYCHAIN_CODES = ['no-key', 'keychain-locked', 'keychain-unavailable'];

export interface TeamSyncParts {
  settings: Settings;
  credentials: Credentials;
  exchange: Exchange;
  sync: SyncStore;
  log: AppLog;
  /** Told when the sync's state changed (the header shows it). */
  onState: () => void;
  timeoutMs?: number;
  pollMs?: number;
  /** Exchanges only when asked (`now`): tests that set the order of two desks' changes. */
  manual?: boolean;
}

export function createTeamSync({ settings, credentials, exchange, sync, log, onState, timeoutMs = 8000, pollMs = POLL_MS, manual = false }: TeamSyncParts) {
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let listener: pg.Client | null = null;
  let problem: AppError | null = null;
  let reached = false;
  let failures = 0;
  let stopped = true;
  let idle: Promise<void> = Promise.resolve();
  let settle: () => void = () => {};

  const member = () => settings.team()?.member === true && sync.active();

  async function connect(): Promise<pg.Client> {
    const team = settings.team()!;
    return connectTeam(team.connection, await credentials.teamPassword.get(), timeoutMs);
  }

  /** The database's own refusals and the keychain's say why; anything else went wrong taking a change in here. */
  function problemOf(e: unknown): AppError {
    const code = e instanceof AppFailure ? e.error.code : String((e as { code?: unknown }).code ?? '');
    if (e instanceof AppFailure && (code.startsWith('team-') || KEYCHAIN_CODES.includes(code))) return e.error;
    if (e instanceof AppFailure || code.startsWith('SQLITE')) {
      return failure('team-sync-failed', `A change from the team could not be taken in on this desk (${e instanceof Error ? e.message : String(e)}). This desk's own changes wait here.`).error;
    }
    return teamFailure(e, settings.team()!.connection).error;
  }

  function setProblem(e: unknown): void {
    const error = problemOf(e);
    if (problem?.message !== error.message) log.warn('Team sync: cannot exchange with the team database', error.message);
    problem = error;
  }

  async function exchangeOnce(): Promise<void> {
    const team = settings.team()!;
    const client = await connect();
    try {
      await registerDesk(client, team.deskId, team.staffName);
      await exchange.pull(client);
      while ((await exchange.push(client, team.deskId)) > 0 && sync.waiting() > 0 && !stopped) {
        // More marks than one push takes: go on.
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    idle = new Promise((resolve) => (settle = resolve));
    try {
      do {
        again = false;
        try {
          await exchangeOnce();
          reached = true;
          problem = null;
          failures = 0;
        } catch (e) {
          reached = false;
          setProblem(e);
          failures++;
          if (!manual) later(RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)]!);
        }
        onState();
        if (listener === null && reached && !stopped && !manual) void listen();
      } while (again && !stopped && problem === null);
    } finally {
      running = false;
      settle();
    }
  }

  function later(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, ms);
  }

  /** A connection that only listens: each change another desk commits asks for an exchange. */
  async function listen(): Promise<void> {
    let client: pg.Client;
    try {
      client = await connect();
    } catch {
      return; // The next exchange says why; it listens again once the database answers.
    }
    if (stopped) return void client.end().catch(() => {});
    listener = client;
    const lost = () => {
      if (listener !== client) return;
      listener = null;
      if (!stopped) later(RETRY_MS[0]!);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (Number(n.payload) > sync.pulled()) later(0);
    });
    await client.query('LISTEN offering_desk_changes').catch(lost);
  }

  return {
    /** Starts keeping step if this desk is a member (at start, and after Share or Join). */
    start(): void {
      if (!member() || !stopped) return;
      stopped = false;
      if (manual) return;
      poll = setInterval(() => void run(), pollMs);
      void run();
    },
    /** A local write: share it once writes pause. */
    changed(): void {
      if (stopped || manual || sync.waiting() === 0) return;
      later(SETTLE_MS);
    },
    /** One exchange now, and its end: what a test waits on (a manual desk exchanges only then). */
    async now(): Promise<void> {
      if (!member()) return;
      await idle;
      await run();
      await idle;
    },
    view(): TeamSyncView | null {
      if (!member()) return null;
      const waiting = sync.waiting();
      return { state: problem ? 'offline' : waiting > 0 || !reached ? 'sharing' : 'up-to-date', waiting, problem, notices: sync.noticeCount() };
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      timer = null;
      poll = null;
      const l = listener;
      listener = null;
      await l?.end().catch(() => {});
      await idle;
    },
  };
}

export type TeamSync = ReturnType<typeof createTeamSync>;
