// The native menu, in English or French, with the app's shortcuts.
import i18next, { type TFunction } from 'i18next';
import type { MenuItemConstructorOptions } from 'electron';
import en from '../../../shared/locales/en.json';
import fr from '../../../shared/locales/fr.json';

export type MenuLanguage = 'en' | 'fr';

export interface MenuActions {
  newOffering(): void;
  importSchedule(): void;
  backUp(): void;
  checkForUpdates(): void;
  openLogs(): void;
  about(): void;
}

export function translator(language: MenuLanguage): TFunction {
  const instance = i18next.createInstance();
  void instance.init({ lng: language, fallbackLng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, initAsync: false, showSupportNotice: false });
  return instance.t;
}

export function menuLanguage(locale: string): MenuLanguage {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function menuTemplate(language: MenuLanguage, actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const t = translator(language);
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.newOffering'), accelerator: 'CmdOrCtrl+N', click: actions.newOffering },
        { label: t('menu.importSchedule'), click: actions.importSchedule },
        { label: t('menu.backup'), click: actions.backUp },
        { type: 'separator' },
        mac ? { role: 'close' } : { label: t('menu.quit'), role: 'quit', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: t('menu.view'),
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    {
      label: t('menu.help'),
      submenu: [
        { label: t('menu.checkUpdates'), click: actions.checkForUpdates },
        { label: t('menu.openLogs'), click: actions.openLogs },
        { type: 'separator' },
        { label: t('menu.about'), click: actions.about },
      ],
    },
  ];
}
