// The connection's part of the handler map: Settings' "Test connection".
import type { Handlers } from '../../../shared/ipc';
import type { Connection } from './connection';

export function marketplaceHandlers(connection: Connection): Pick<Handlers, 'connection:test'> {
  return {
    'connection:test': async () => {
      const client = await connection.client();
      return { connection: client.connection, message: await client.test() };
    },
  };
}
