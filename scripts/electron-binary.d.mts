/** Where Electron's binary is, or why it is not there. */
export function electronBinary(): { path: string; reason: null } | { path: null; reason: string };
