// Team mode's part of the IPC contract: the connection to the team's
// PostgreSQL database (its password lives in the keychain, never here), what
// sharing or joining would do (shown before anything is written), and the
// state the header shows once a team is set. See docs/team.md.
import { z } from 'zod';
import { AppError } from './errors';

/** `verify-full`: TLS with the server's certificate checked against the CA (the system's, or the CA file) and its name. `off`: plain TCP, only to this computer. */
export const TeamTls = z.enum(['verify-full', 'off']);
export type TeamTls = z.infer<typeof TeamTls>;

/** Settings → Team as stored (the password apart, in the keychain). */
export const TeamConnection = z.object({
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  tls: TeamTls,
  /** A CA certificate file (PEM) to trust instead of the system's; '' for the system's. */
  caFile: z.string(),
});
export type TeamConnection = z.infer<typeof TeamConnection>;

/** What a team is to this desk: none (single-desk mode, the default), set but not shared or joined yet, or this desk's catalogue is in it. */
export const TeamMode = z.enum(['none', 'configured', 'member']);

/**
 * A member desk's sync (docs/team.md): up to date; changes of this desk still to share (or not confirmed
 * since start); or offline, with why. `notices`: values of this desk's that lost to another desk's.
 */
export const TeamSyncView = z.object({
  state: z.enum(['up-to-date', 'sharing', 'offline']),
  waiting: z.number().int().nonnegative(),
  problem: AppError.nullable(),
  notices: z.number().int().nonnegative(),
});
export type TeamSyncView = z.infer<typeof TeamSyncView>;

/** A value of this desk's that another desk's replaced: which offering, which field, both values, who. */
export const TeamNotice = z.object({
  id: z.number().int(),
  rowId: z.string(),
  offeringId: z.string(),
  /** A form path (`seatsRemaining`, `address.city`), or `$trashed` when the offering went to the Trash with this desk's changes in it. */
  field: z.string(),
  mine: z.unknown(),
  theirs: z.unknown(),
  /** The staff name of the desk whose value stands; '' when it has none. */
  by: z.string(),
  at: z.string(),
});
export type TeamNotice = z.infer<typeof TeamNotice>;

/** One change of an offering in the team's log (newest first): when, who, what kind, and the fields it wrote with their values. */
export const TeamHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  by: z.string(),
  /** Made by this desk. */
  mine: z.boolean(),
  kind: z.enum(['create', 'edit', 'listing', 'trash', 'restore', 'forget']),
  changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
});
export type TeamHistoryEntry = z.infer<typeof TeamHistoryEntry>;

export const TeamView = z.object({
  mode: TeamMode,
  staffName: z.string(),
  connection: TeamConnection.nullable(),
  passwordSet: z.boolean(),
  /** Reachability when a team is set, checked on asking: null while single-desk. */
  reachable: z.boolean().nullable(),
  /** Why the team database cannot be used now (unreachable, refused login, newer schema…); null when it can. */
  problem: AppError.nullable(),
  /** A member desk's sync; null otherwise. */
  sync: TeamSyncView.nullable(),
});
export type TeamView = z.infer<typeof TeamView>;

const Count = z.number().int().nonnegative();

/** What Share or Join would do, counted before anything is written. */
export const TeamPreview = z.object({
  action: z.enum(['share', 'join']),
  /** Offerings of this desk that go up to the team (new offering IDs there). */
  upload: Count,
  /** Offerings of the team that come down to this desk (new offering IDs here). */
  download: Count,
  /** Offering IDs on both: one offering each, never two (docs/team.md says which copy stands). */
  both: Count,
  /** Of `both`, those whose team copy replaces this desk's draft. */
  teamWins: Count,
  /** Learners stay on this desk: sharing them (sealed with a team key) is not built yet. */
  learnersKept: Count,
  /** The offering IDs on both, for the preview (the first 50). */
  bothIds: z.array(z.string()).max(50),
});
export type TeamPreview = z.infer<typeof TeamPreview>;

export const TeamSaveRequest = z
  .object({
    host: z.string().max(300),
    port: z.number().int().min(0).max(99_999),
    database: z.string().max(200),
    user: z.string().max(200),
    /** Only when typed: empty keeps the one in the keychain. */
    password: z.string().max(500).optional(),
    tls: TeamTls,
    caFile: z.string().max(2000),
    /** Only when sent: absent keeps the one saved. */
    staffName: z.string().max(500).optional(),
  })
  .strict();

const Empty = z.object({}).strict();

export const teamContract = {
  /** Settings → Team and the header: single-desk answers at once, without touching the network. */
  'team:get': { request: Empty, response: TeamView },
  /** Checks every field first (a refused save writes nothing), then stores them and the password (keychain). */
  'team:save': { request: TeamSaveRequest, response: TeamView },
  /** What Share (an empty database) or Join (a team catalogue) would do: writes nothing. */
  'team:preview': { request: z.object({ action: z.enum(['share', 'join']) }).strict(), response: TeamPreview },
  'team:share': { request: Empty, response: z.object({ preview: TeamPreview, view: TeamView }) },
  'team:join': { request: Empty, response: z.object({ preview: TeamPreview, view: TeamView }) },
  /** This desk stops exchanging with the team: its catalogue stays here, the team keeps what it shared, the password leaves the keychain. */
  'team:leave': { request: Empty, response: TeamView },
  /** Who changed an offering in the team, and what (the last 50 changes); empty for an offering the team does not have. */
  'team:history': { request: z.object({ rowId: z.string().min(1).max(100) }).strict(), response: z.array(TeamHistoryEntry) },
  /** The values of this desk's that lost to another desk's: for one offering, or all of them (the header's list). */
  'team:notices': { request: z.object({ rowId: z.string().min(1).max(100).optional() }).strict(), response: z.array(TeamNotice) },
  /** Puts this desk's value back (a new change, which then stands) and forgets the notice; or only forgets it. */
  'team:resolveNotice': { request: z.object({ id: z.number().int().min(1), putBack: z.boolean() }).strict(), response: z.array(TeamNotice) },
} as const;
