// The two ways a provider may be connected to the Marketplace: the network
// API (a network key) or the ministry's gateway (OAuth client credentials and
// a subscription key). Offerings remember which one listed them.
import { z } from 'zod';

export const ConnectionKind = z.enum(['network', 'gateway']);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

