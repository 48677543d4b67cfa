// Exposes only `window.api.invoke` for the channels of the contract. Built as
// CommonJS: an ES-module preload would force sandbox: false.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENT_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL, MENU_CHANNEL, UNKNOWN_REQUEST } from '../../shared/channels';
import type { DeskApi, DeskEvent, MenuCommand } from '../../shared/ipc';

const allowed = new Set<string>(CHANNELS);

// The window is closing (main's close guard): every listener's saves, then "flushed", even with none or one failing.
const flushListeners: (() => Promise<unknown>)[] = [];
ipcRenderer.on(FLUSH_CHANNEL, () => {
  void Promise.allSettled(flushListeners.map((l) => l())).then(() => ipcRenderer.send(FLUSHED_CHANNEL));
});

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
  onFlush(listener) {
    flushListeners.push(listener);
  },
};

contextBridge.exposeInMainWorld('api', api);
