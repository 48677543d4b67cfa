// The renderer's only way out: `window.api`, typed by the shared contract.
import type { Result } from '../../../shared/errors';
import type { Channel, DeskApi, RequestOf, ResponseOf } from '../../../shared/ipc';

declare global {
  interface Window {
    api: DeskApi;
  }
}

export function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return window.api.invoke(channel, request);
}
