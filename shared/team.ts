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

export const TeamView = z.object({
  mode: TeamMode,
  connection: TeamConnection.nullable(),
  passwordSet: z.boolean(),
  /** Reachability when a team is set, checked on asking: null while single-desk. */
  reachable: z.boolean().nullable(),
  /** Why the team database cannot be used now (unreachable, refused login, newer schema…); null when it can. */
  problem: AppError.nullable(),
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
} as const;
