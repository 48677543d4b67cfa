// Exposes only `window.api.invoke` for the channels of the contract. Built as
// CommonJS: an ES-module preload would force sandbox: false.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, UNKNOWN_REQUEST } from '../../shared/channels';
import type { DeskApi, DeskEvent, MenuCommand } from '../../shared/ipc';

const MENU_CHANNEL = 'menu:command';
const EVENT_CHANNEL = 'desk:event';

const allowed = new Set<string>(CHANNELS);

const api: DeskApi = {
  invoke(channel, request) {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { code: 'bad-request', message: UNKNOWN_REQUEST } });
    return ipcRenderer.invoke(channel, request);
  },
  onMenuCommand(listener) {
    ipcRenderer.on(MENU_CHANNEL, (_event, command: MenuCommand) => listener(command));
  },
  onEvent(listener) {
    ipcRenderer.on(EVENT_CHANNEL, (_event, event: DeskEvent) => listener(event));
  },
};

contextBridge.exposeInMainWorld('api', api);
