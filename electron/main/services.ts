// Wires the main process together: catalogue, keychain, Marketplace client,
// publishing queue and, when no Marketplace URL is set, the embedded sandbox.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LastRestore, type SettingsView } from '../../shared/ipc';
import type { SendState } from '../../shared/roster-contract';
import { createEventHub } from './events';
import { createBatchProgress } from './batch-progress';
import { createListQuery } from './list-query';
import { AppFailure, failure, type AppError } from '../../shared/errors';
import { openCatalogueDb } from './db/open';
import { startCheckpointer } from './db/checkpointer';
import { checkBackup, createBackup, listBackups, restoreCheckedBackup } from './db/backups';
import { createCatalogue, systemClock, type Clock } from './catalogue';
import { createCallLog } from './call-log';
import { createSettings, SANDBOX } from './settings';
import { makeFolderPrivate, PRIVATE_FILE_MODE } from './private-files';
import { createCredentials, keytarStore, DEFAULT_KEYCHAIN_SERVICE, type Credentials, type SecretStore } from './credentials';
import { createConnection } from './marketplace/connection';
import { createPublishQueue, type QueueOptions } from './publish-queue';
import { startSandbox, type Sandbox } from './sandbox/sandbox-server';
import { silentLog, type AppLog } from './logging';
import { checkStoredOfferings, WALK_DELAY_MS } from './integrity-check';
import { createLearnersStore } from './db/learners-store';
import { createStaffStore } from './db/staff-store';
import { createDataKeys } from './records/data-key';
import { createRoster } from './records/roster';
import { createRecordJob } from './records/record-job';
import { purgeExpiredLearners } from './records/retention';
import { createPeople } from './records/people';
import { createExchangeStore } from './db/exchange-store';
import { createTemplates } from './exchange/templates';
import { createScheduleImport } from './exchange/schedule-import';

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
}

export function optionsFromEnv(defaultDataDir: string, env: NodeJS.ProcessEnv = process.env): ServiceOptions {
  return {
    dataDir: env.OFFERING_DESK_DATA_DIR || defaultDataDir,
    keychainService: env.OFFERING_DESK_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE,
    ...(env.OFFERING_DESK_MARKETPLACE_URL ? { marketplaceUrlPreset: env.OFFERING_DESK_MARKETPLACE_URL } : {}),
  };
}

export function createServices(options: ServiceOptions) {
  // Private from the start, and again once SQLite has made its write-ahead log and shared-memory files.
  makeFolderPrivate(options.dataDir);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLog;
  const catalogueFile = path.join(options.dataDir, 'catalogue.sqlite');
  const restoreMarker = path.join(options.dataDir, 'restore-on-start.json');
  const lastRestoreFile = path.join(options.dataDir, 'last-restore.json');
  if (fs.existsSync(restoreMarker)) restoreAtStart();
  /**
   * The restore asked for before this start. A backup that fails its check (or a marker that cannot be read)
   * replaces nothing and never stops the start: the outcome is kept for Settings → Backups either way.
   */
  function restoreAtStart(): void {
    const at = clock.now();
    let outcome: { restoredFrom: string; replaced: string | null; refused: AppError | null } | null = null;
    try {
      const marker: unknown = JSON.parse(fs.readFileSync(restoreMarker, 'utf8'));
      const name = typeof marker === 'object' && marker !== null && 'name' in marker && typeof marker.name === 'string' ? marker.name : '';
      const restoredFrom = listBackups(catalogueFile).find((b) => b.name === name)?.at ?? '';
      try {
        const { replaced } = restoreCheckedBackup(catalogueFile, name, at);
        outcome = { restoredFrom, replaced: replaced?.name ?? null, refused: null };
        log.info('Restored the catalogue from a backup; the one it replaced is kept as', replaced?.name);
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        outcome = { restoredFrom, replaced: null, refused: e.error };
        log.warn('The backup to restore was refused; the catalogue was not replaced', e.error.message);
      }
    } catch (e) {
      log.error('The restore asked for could not be done; the catalogue was not replaced', e);
      outcome ??= { restoredFrom: '', replaced: null, refused: { code: 'backup-refused', message: 'The restore could not be done. Nothing was changed.' } };
    }
    fs.writeFileSync(lastRestoreFile, JSON.stringify({ at: at.toISOString(), ...outcome }), { mode: PRIVATE_FILE_MODE });
    fs.rmSync(restoreMarker, { force: true });
  }

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
  const events = createEventHub(() => queue.status());
  // The progress bar's run reads an offering again only after a write to it; the store reads it when asked.
  const progress = createBatchProgress((id) => catalogue.store.progress(id));
  const learners = createLearnersStore(db, events.changed);
  const catalogue = createCatalogue(db, clock, {
    allowedStandards: connection.allowedStandards,
    notAllowed: connection.notAllowed,
    onChange: (ids) => {
      progress.changed(ids);
      events.changed(ids);
    },
    keepsRecords: (id) => learners.keptRecords(id) > 0,
  });
  catalogue.purgeTrash();
  purgeExpiredLearners(learners, settings.retentionYears(), clock.now(), log);
  const staff = createStaffStore(db);
  const keys = createDataKeys(credentials.learnerDataKey, learners.hasAny);
  const roster = createRoster({ db, catalogue, learners, staff, keys, clock });
  const exchangeStore = createExchangeStore(db);
  // The walk over every stored offering waits while the window loads; the queue asks it about each row before sending it.
  const integrity = checkStoredOfferings(catalogue.store, log, { delayMs: options.integrityWalkDelayMs ?? WALK_DELAY_MS });
  const callLog = createCallLog(db, clock);
  const records = createRecordJob({ learners, roster, callLog, clock, log });
  const queue = createPublishQueue({
    db,
    catalogue,
    callLog,
    client: connection.client,
    clock,
    log,
    concurrency: settings.publishConcurrency,
    onChange: () => events.changed([]),
    jobs: [records],
    holdIfDamaged: integrity.holdIfDamaged,
    progress,
    ...options.queue,
  });
  const lists = createListQuery(db);

  /** A secret's status for Settings: whether it is stored and its last 4 characters, or the keychain's problem. */
  async function secretStatus(entry: Credentials['networkKey']): Promise<{ set: boolean; last4: string | null; problem: AppError | null }> {
    try {
      const { keySet, keyLast4 } = await entry.status();
      return { set: keySet, last4: keyLast4, problem: null };
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      return { set: false, last4: null, problem: e.error };
    }
  }

  let closing: Promise<void> | null = null;

  async function settingsView(): Promise<SettingsView> {
    const stored = settings.get();
    // A stored URL today's rules refuse is not used: it shows as empty, with the problem, and is not the sandbox.
    const storedProblem = settings.storedProblem();
    const urlRefused = storedProblem?.fields?.some((f) => f.path === 'marketplaceUrl') ?? false;
    const url = urlRefused || stored.marketplaceUrl === SANDBOX ? null : stored.marketplaceUrl;
    const [key, secret, subscription] = await Promise.all([secretStatus(credentials.networkKey), secretStatus(credentials.clientSecret), secretStatus(credentials.subscriptionKey)]);
    return {
      marketplaceUrl: url ?? '',
      usingSandbox: url === null && !urlRefused && stored.connection === 'network',
      storedProblem,
      keySet: key.set,
      keyLast4: key.last4,
      keyProblem: key.problem,
      publishConcurrency: stored.publishConcurrency,
      updateFeedUrl: options.updateFeedUrl ?? '',
      language: stored.language,
      connection: stored.connection,
      gatewayBaseUrl: stored.gatewayBaseUrl,
      gatewayTokenUrl: stored.gatewayTokenUrl,
      gatewayClientId: stored.gatewayClientId,
      clientSecret: { set: secret.set, last4: secret.last4 },
      subscriptionKey: { set: subscription.set, last4: subscription.last4 },
      gatewayProblem: secret.problem ?? subscription.problem,
      programIds: stored.programIds,
      listedVia: catalogue.store.listedVia(),
      retentionYears: stored.retentionYears,
    };
  }

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
    learners,
    staff,
    roster,
    people: createPeople(staff, clock),
    templates: createTemplates(exchangeStore, catalogue, clock),
    exchangeStore,
    scheduleImport: createScheduleImport({ db, catalogue, store: exchangeStore, clock, connection: settings.connection }),
    /** What the start-up integrity check found, once it has walked the catalogue. */
    integrity: integrity.done,
    settingsView,
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
    backups: {
      list: () => listBackups(catalogueFile),
      create: () => createBackup(db, catalogueFile, 'manual', clock.now()),
      /**
       * Takes effect at the next start, when the catalogue is not open; a backup that fails its check is
       * refused now, with why. At that start the catalogue it replaces is kept first, so the restore can be undone.
       */
      restoreOnRestart(name: string): void {
        if (!listBackups(catalogueFile).some((b) => b.name === name)) throw failure('not-found', `There is no backup called “${name}”.`);
        checkBackup(catalogueFile, name);
        fs.writeFileSync(restoreMarker, JSON.stringify({ name }), { mode: PRIVATE_FILE_MODE });
        options.onRestartRequested?.();
      },
      /** The last restore's outcome, with the backup of what it replaced while that is still kept. */
      lastRestore(): LastRestore | null {
        let stored: unknown;
        try {
          stored = JSON.parse(fs.readFileSync(lastRestoreFile, 'utf8'));
        } catch {
          return null;
        }
        const record = LastRestore.omit({ replaced: true }).extend({ replaced: z.string().nullable() }).safeParse(stored);
        if (!record.success) return null;
        const replaced = listBackups(catalogueFile).find((b) => b.name === record.data.replaced) ?? null;
        return { ...record.data, replaced };
      },
    },
    /** Idempotent: a window closing and the app quitting may both ask. */
    close(): Promise<void> {
      closing ??= (async () => {
        integrity.stop();
        await queue.stop();
        if (sandbox) await (await sandbox).close();
        // Keeps the planner's statistics current as the catalogue grows (cheap: only what changed a lot).
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
