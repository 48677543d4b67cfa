// Keyboard shortcuts: one table drives both the handler and the help panel.
export type ShortcutAction = 'new' | 'save' | 'publish' | 'search' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** Shown in the help panel; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: string;
  matches(e: KeyboardEvent, typing: boolean): boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new', keys: 'Mod+N', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'n' },
  { action: 'save', keys: 'Mod+S', matches: (e) => mod(e) && e.key.toLowerCase() === 's' },
  { action: 'publish', keys: 'Mod+Enter', matches: (e) => mod(e) && e.key === 'Enter' },
  { action: 'search', keys: 'Mod+F', matches: (e, typing) => (mod(e) && e.key.toLowerCase() === 'f') || (!typing && e.key === '/') },
  { action: 'help', keys: '?', matches: (e, typing) => e.key === 'F1' || (!typing && e.key === '?') },
];

/** "Mod+Enter" as the keyboard says it: ⌘ or Ctrl, and the key's name in the user's language ("Ctrl+Entrée"). */
export function displayKeys(keys: string, mac: boolean, keyName: (key: string) => string = (k) => k): string {
  return keys
    .split('+')
    .map((k) => (k === 'Mod' ? (mac ? '⌘' : 'Ctrl') : k === 'Enter' ? keyName(k) : k))
    .join('+');
}

/** Form actions the shortcuts reach; set by the open form. */
export const formCommands: { save: (() => void) | null; publish: (() => void) | null } = { save: null, publish: null };
