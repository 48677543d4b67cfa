// A class that has been listed and taught, for the roster's tests: two class
// days next year, published to a real sandbox, then a clock moved past its end.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceOptions, Services } from '../../electron/main/services';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc';
import { EMPTY_LEARNER, type LearnerDetails } from '../../shared/learner';
import type { AppError } from '../../shared/errors';
import { testServices } from './services';
import { futureDate, networkKey, validDraft } from './helpers';
import type { Sandbox } from '../../electron/main/sandbox/sandbox-server';

/** Real time, moved by an offset: retries still come due while a test "jumps" to after the class. */
export class MovableClock {
  private offset = 0;
  now = (): Date => new Date(Date.now() + this.offset);
  set(iso: string): void {
    this.offset = Date.parse(iso) - Date.now();
  }
}

export type Ipc = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;
export type IpcRefusal = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<AppError>;

export function ipcFor(services: Services): { ipc: Ipc; refused: IpcRefusal } {
  const handlers = createHandlers(services);
  return {
    async ipc(channel, request) {
      const result = await dispatch(handlers, channel, request);
      assert.ok(result.ok, `${channel} failed: ${JSON.stringify(result)}`);
      return result.value as never;
    },
    async refused(channel, request) {
      const result = await dispatch(handlers, channel, request);
      assert.ok(!result.ok, `${channel} should have been refused`);
      return result.error;
    },
  };
}

export const DAY_ONE = futureDate('04-14');
export const DAY_TWO = futureDate('04-15');

export function learner(overrides: Partial<LearnerDetails> = {}): LearnerDetails {
  return { ...EMPTY_LEARNER, firstName: 'Amélie', lastName: 'Tremblay', email: 'amelie.tremblay@example.ca', birthYear: 1991, mobilePhone: '416-555-0142', ...overrides };
}

/** Services on a movable clock with a network key in the keychain and a WAH class listed on `marketplaceUrl` (the embedded sandbox when absent). */
export async function taughtClass(t: TestContext, options: Partial<ServiceOptions> & { sandbox?: Sandbox; clock?: MovableClock } = {}) {
  const clock = options.clock ?? new MovableClock();
  const key = networkKey();
  const { sandbox, clock: _clock, ...rest } = options;
  const { services, keychainService } = testServices(t, {
    clock,
    requestTimeoutMs: 1000,
    queue: { baseDelayMs: 10, maxDelayMs: 50 },
    ...(sandbox ? { marketplaceUrlPreset: sandbox.baseUrl } : {}),
    ...rest,
  });
  await services.credentials.setKey(key);
  const { ipc, refused } = ipcFor(services);
  const draft = validDraft({
    classDays: [
      { date: DAY_ONE, start: '08:30', end: '16:30' },
      { date: DAY_TWO, start: '08:30', end: '12:00' },
    ],
  });
  const offering = await ipc('offerings:publish', { id: null, draft });
  await services.queue.drain();
  assert.equal(services.catalogue.get(offering.id).status, 'published');
  return {
    clock,
    key,
    services,
    keychainService,
    ipc,
    refused,
    offering,
    draft,
    /** Moves the clock to after the last class day's end (12:00 Ontario on day two). */
    classOver: () => clock.set(`${DAY_TWO}T18:00:00.000Z`),
  };
}

/** One learner on the class, present both days with an instructor and evaluator, marked completed, and the class over: ready to report. */
export async function readyToReport(ipc: Ipc, offeringRowId: string, classOver: () => void): Promise<string> {
  const roster = await ipc('learners:save', { offeringRowId, id: null, details: learner() });
  const id = roster.learners[0]!.id;
  const person = (await ipc('people:save', { id: null, name: 'Jordan Smith' }))[0]!.id;
  for (const day of [DAY_ONE, DAY_TWO]) {
    await ipc('roster:setDayStaff', { offeringRowId, day, instructors: [person], evaluators: [person] });
    await ipc('roster:setAttendance', { id, day, present: true });
  }
  await ipc('roster:setResult', { id, result: 'completed', score: null });
  classOver();
  return id;
}
