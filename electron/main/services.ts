// Wires the main process together: catalogue, keychain, Marketplace client,
// publishing queue and, when no Marketplace URL is set, the embedded sandbox.
import path from 'node:path';
import type { SendState } from '../../shared/roster-contract';
import { createEventHub } from './ipc/events';
import { createSyncStore } from './team/sync-store';
import { createExchange } from './team/sync-exchange';
import { createTeamSync } from './team/team-sync';
import { createNotices } from './team/notices';
import { createBatchProgress } from './queue/batch-progress';
import { createListQuery } from './catalogue/list-query';
import { openCatalogueDb } from './database/open';
import { startCheckpointer } from './database/checkpointer';
import { createBackupDesk, restoreAskedForAtStart } from './database/restores';
import { settingsView } from './settings/settings-view';
import { createCatalogue, systemClock, type Clock } from './catalogue/catalogue';
import { createCallLog } from './queue/call-log';
import { createSettings } from './settings/settings';
import { makeFolderPrivate } from './platform/private-files';
import { createCredentials, keytarStore, DEFAULT_KEYCHAIN_SERVICE, type SecretStore } from './platform/credentials';
import { createConnection } from './marketplace/connection';
import { createPublishQueue, type QueueOptions } from './queue/publish-queue';
import { createOfferingJobs } from './queue/offering-jobs';
import { startSandbox, type Sandbox } from './sandbox/sandbox-server';
import { silentLog, type AppLog } from './platform/logging';
import { checkStoredOfferings, WALK_DELAY_MS } from './catalogue/integrity-check';
import { createLearnersStore } from './roster/learners-store';
import { createStaffStore } from './roster/staff-store';
import { createProofsStore } from './roster/proofs-store';
import { createProviderProfile } from './settings/provider-profile';
import { createDataKeys } from './roster/data-key';
import { createRoster } from './roster/roster';
import { createRecordJob } from './roster/record-job';
import { purgeExpiredLearners } from './roster/retention';
import { createPeople } from './roster/people';
import { createExchangeStore } from './exchange/exchange-store';
import { createTemplates } from './exchange/templates';
import { createScheduleImport } from './exchange/schedule-import';
import { createTeam } from './team/team';

export interface ServiceOptions {
  dataDir: string;
  keychainService?: string;
  marketplaceUrlPreset?: string;
  /** The update feed fixed into this build (read-only information in Settings); '' when updates are off. */
  updateFeedUrl?: string;
  secretStore?: SecretStore;
  clock?: Clock;
  requestTimeoutMs?: number;
  log?: AppLog;
  /** Called when a restore needs the app to restart (Electron relaunches; the web bridge leaves it to its user). */
  onRestartRequested?: () => void;
  /** Retry timing and concurrency of the publish queue (tests shorten the delays). */
  queue?: Pick<QueueOptions, 'concurrency' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'random' | 'leaseMs'>;
  /** How long the start-up integrity walk waits (integrity-check.ts, WALK_DELAY_MS). */
  integrityWalkDelayMs?: number;
  /** OFFERING_DESK_TEAM_URL: presets Settings → Team on a desk with none; its password goes into the keychain. */
  teamUrlPreset?: string;
  /** Team sync's timings (tests shorten them). */
  teamSync?: { pollMs?: number; timeoutMs?: number; manual?: boolean };
}

export function optionsFromEnv(defaultDataDir: string, env: NodeJS.ProcessEnv = process.env): ServiceOptions {
  return {
    dataDir: env.OFFERING_DESK_DATA_DIR || defaultDataDir,
    keychainService: env.OFFERING_DESK_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE,
    ...(env.OFFERING_DESK_MARKETPLACE_URL ? { marketplaceUrlPreset: env.OFFERING_DESK_MARKETPLACE_URL } : {}),
    ...(env.OFFERING_DESK_TEAM_URL ? { teamUrlPreset: env.OFFERING_DESK_TEAM_URL } : {}),
  };
}

export function createServices(options: ServiceOptions) {
  // Private from the start, and again once SQLite has made its write-ahead log and shared-memory files.
  makeFolderPrivate(options.dataDir);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLog;
  const catalogueFile = path.join(options.dataDir, 'catalogue.sqlite');
  restoreAskedForAtStart(catalogueFile, clock.now(), log);

  const db = openCatalogueDb(catalogueFile, undefined, () => clock.now());
  makeFolderPrivate(options.dataDir);
  const checkpointer = startCheckpointer(db, log);
  const settings = createSettings(db, { marketplaceUrl: options.marketplaceUrlPreset });
  const credentials = createCredentials({
    store: options.secretStore ?? keytarStore(options.keychainService ?? DEFAULT_KEYCHAIN_SERVICE),
    rememberSaved: settings.networkKeySaved,
    rememberSavedFor: settings.savedFlag,
  });

  let sandbox: Promise<Sandbox> | null = null;
  const embeddedSandbox = () => (sandbox ??= startSandbox({ file: path.join(options.dataDir, 'sandbox-marketplace.json') }));
  const connection = createConnection({ settings, credentials, sandboxUrl: async () => (await embeddedSandbox()).baseUrl, timeoutMs: options.requestTimeoutMs ?? 15_000, now: () => clock.now().getTime(), log });

  // The hub asks the queue (made below) for its status only when it sends an event, a turn later.
  const events = createEventHub(() => queue.status(), { teamStatus: () => teamSync.view() });
  // The progress bar's run reads an offering again only after a write to it; the store reads it when asked.
  const progress = createBatchProgress((id) => catalogue.store.progress(id));
  const learners = createLearnersStore(db, events.changed);
  const catalogue = createCatalogue(db, clock, {
    allowedStandards: connection.allowedStandards,
    notAllowed: connection.notAllowed,
    onChange: (ids) => {
      progress.changed(ids);
      events.changed(ids);
      // A write of this desk's is marked by the catalogue's triggers (migration 15): the team hears of it once writes pause.
      teamSync.changed();
    },
    keepsRecords: (id) => learners.keptRecords(id) > 0,
    // The queue (made below) hears of each change that queued offerings once it is committed, and goes.
    onQueued: (ids, allWaiting) => queue.queued(ids, allWaiting),
  });
  catalogue.purgeTrash();
  purgeExpiredLearners(learners, settings.retentionYears(), clock.now(), log);
  const staff = createStaffStore(db);
  const keys = createDataKeys(credentials.learnerDataKey, learners.hasAny);
  const rosterParts = { catalogue, learners, staff, keys, clock, proofs: createProofsStore(db) };
  const roster = createRoster(rosterParts);
  const profile = createProviderProfile(db);
  const exchangeStore = createExchangeStore(db);
  // The walk over every stored offering waits while the window loads; the queue asks it about each row before sending it.
  const integrity = checkStoredOfferings(catalogue.store, log, { delayMs: options.integrityWalkDelayMs ?? WALK_DELAY_MS });
  const callLog = createCallLog(db, clock);
  const offerings = createOfferingJobs({ catalogue, callLog, log, holdIfDamaged: integrity.holdIfDamaged });
  const records = createRecordJob({ learners, roster, callLog, clock, log });
  const queue = createPublishQueue({
    db,
    // Offerings first: a batch takes their due changes before the learning records'.
    sources: [offerings, records],
    counts: catalogue.store.counts,
    client: connection.client,
    clock,
    log,
    concurrency: settings.publishConcurrency,
    onChange: () => events.changed([]),
    progress,
    ...options.queue,
  });
  const lists = createListQuery(db);
  // Team mode: nothing happens here for a desk with no team and no preset.
  const syncStore = createSyncStore(db);
  const teamExchange = createExchange({ db, core: { db, store: catalogue.store, clock }, sync: syncStore });
  const teamSync = createTeamSync({
    settings,
    credentials,
    sync: syncStore,
    exchange: teamExchange,
    log,
    onState: () => events.changed([]),
    ...options.teamSync,
  });
  const team = createTeam({ db, settings, credentials, catalogue, learnerCount: learners.countAll, log, clock, sync: syncStore, syncing: teamSync });
  const teamReady = options.teamUrlPreset
    ? team.adoptPreset(options.teamUrlPreset).catch((e: unknown) => log.error('OFFERING_DESK_TEAM_URL was not used', e instanceof Error ? e.message : e))
    : Promise.resolve();
  // A member desk keeps in step from the start; offline, it says so and tries again.
  void teamReady.then(() => teamSync.start());

  let closing: Promise<void> | null = null;

  return {
    dataDir: options.dataDir,
    clock,
    log,
    db,
    catalogue,
    callLog,
    settings,
    credentials,
    connection,
    queue,
    events,
    lists,
    team,
    teamSync,
    syncStore,
    notices: createNotices({ sync: syncStore, exchange: teamExchange, changed: () => teamSync.changed() }),
    /** Settled once OFFERING_DESK_TEAM_URL, if any, is in the settings and the keychain. */
    teamReady,
    learners,
    staff,
    roster,
    rosterParts,
    profile,
    people: createPeople(staff, clock),
    templates: createTemplates(exchangeStore, catalogue, clock),
    exchangeStore,
    scheduleImport: createScheduleImport({ db, catalogue, store: exchangeStore, clock, connection: settings.connection }),
    /** What the start-up integrity check found, once it has walked the catalogue. */
    integrity: integrity.done,
    settingsView: () => settingsView({ settings, credentials, listedVia: catalogue.store.listedVia, updateFeedUrl: options.updateFeedUrl ?? '' }),
    /** Whether learning records can leave now: the queue's pause, else what the connection lacks; and whether it is offline. */
    async recordsSendState(): Promise<SendState> {
      const { paused, offline } = queue.status();
      return { problem: paused ?? (await connection.missing({ records: true })), offline };
    },
    /**
     * The keychain opened while the window loads (see `Credentials.warm`). A keychain that
     * does not answer is logged here and shown by the window's own read, in Settings.
     */
    warmKeychain: () => credentials.warm().catch((e: unknown) => log.warn('The keychain did not answer at start', e)),
    backups: createBackupDesk({ db, catalogueFile, now: () => clock.now(), onRestartRequested: options.onRestartRequested }),
    /** Idempotent: a window closing and the app quitting may both ask. */
    close(): Promise<void> {
      closing ??= (async () => {
        await teamReady;
        await teamSync.stop();
        integrity.stop();
        await queue.stop();
        if (sandbox) await (await sandbox).close();
        // Keeps the planner's statistics current as the catalogue grows (cheap: only what changed a lot).
        // Database-wide, no table's own: it belongs to the close sequence, which only this composition knows.
        db.pragma('optimize');
        events.close();
        await checkpointer?.close();
        db.close();
      })();
      return closing;
    },
  };
}

export type Services = ReturnType<typeof createServices>;
