// Migration 3: which connection listed each offering (network API or ministry gateway). Shipped: never edit it; add a new migration instead.
import type { Migration } from './migration';

export const migration003: Migration = {
  version: 3,
  name: 'which connection listed each offering (network API or ministry gateway)',
  up(db) {
    // Everything listed before the gateway existed was listed through the network API.
    db.exec(`
      ALTER TABLE offerings ADD COLUMN listed_via TEXT CHECK (listed_via IN ('network', 'gateway'));
      UPDATE offerings SET listed_via = 'network' WHERE listed IS NOT NULL OR in_flight IS NOT NULL;
    `);
  },
};
