// The shell's security settings as data, so they are tested without Electron.
import type { BrowserWindowConstructorOptions } from 'electron';
import { httpsProblem } from '../../../shared/url-rules';

export const APP_SCHEME = 'app';
export const APP_HOST = 'offering-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The window's own scheme. Standard and secure, as a web origin; no fetch API
 * (the renderer reaches main only through the preload). V8's code cache on:
 * without it, every launch compiles the window's first script from scratch
 * (~200 KB), time the list's first rows wait for (#10).
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: false, codeCache: true } as const;

/** Strict CSP. The web bridge alone may fetch its own origin; Electron's renderer may fetch nothing. */
export function contentSecurityPolicy({ connectSelf }: { connectSelf: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Offering Desk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      navigateOnDragDrop: false,
    },
  };
}

/** The window may only ever show the app's own pages. */
export function isAllowedNavigation(url: string): boolean {
  try {
    // Node's URL gives custom schemes a "null" origin, so compare the parts.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** Links leave the app only as plain https (shared/url-rules), in the OS browser. */
export function externalUrlToOpen(url: string): string | null {
  try {
    const parsed = new URL(url);
    return httpsProblem(parsed) === null ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** IPC is answered only for the app's own top frame. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && frameUrl !== undefined && isAllowedNavigation(frameUrl);
}

/** The part of Electron's Session that decides permissions. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean): void;
  setDevicePermissionHandler?(handler: (details: unknown) => boolean): void;
}

/**
 * The app needs no camera, microphone, location, notifications, clipboard
 * reading, HID, serial or USB: every permission is denied, asked or checked.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}
