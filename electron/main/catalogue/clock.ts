// Where the catalogue and everything dated by it reads the time: a test passes its own.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
