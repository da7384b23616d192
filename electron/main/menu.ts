import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, in the app's language (Electron's default menu is
 * English and offers Reload / Developer Tools). Hidden on Windows and Linux
 * until Alt is pressed; it exists so that editing and zoom shortcuts work
 * (Ctrl+C/V/Z, Ctrl +/−/0) — officers enlarge the text on small screens.
 */

export type MenuLanguage = 'vi' | 'en';

const LABELS = {
  vi: {
    app: 'ISO Desk',
    edit: 'Chỉnh sửa',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    cut: 'Cắt',
    copy: 'Sao chép',
    paste: 'Dán',
    selectAll: 'Chọn tất cả',
    view: 'Xem',
    zoomIn: 'Phóng to',
    zoomOut: 'Thu nhỏ',
    resetZoom: 'Cỡ chữ mặc định',
    fullscreen: 'Toàn màn hình',
    reload: 'Tải lại',
    devTools: 'Công cụ phát triển',
    window: 'Cửa sổ',
    minimize: 'Thu nhỏ cửa sổ',
    quit: 'Thoát ISO Desk',
  },
  en: {
    app: 'ISO Desk',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullscreen: 'Full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    window: 'Window',
    minimize: 'Minimise',
    quit: 'Quit ISO Desk',
  },
} satisfies Record<MenuLanguage, Record<string, string>>;

export function menuLanguage(setting: string | null): MenuLanguage {
  return setting === 'en' ? 'en' : 'vi';
}

export function menuTemplate(lang: MenuLanguage, platform: NodeJS.Platform, devTools: boolean): MenuItemConstructorOptions[] {
  const t = LABELS[lang];
  const view: MenuItemConstructorOptions[] = [
    { label: t.zoomIn, role: 'zoomIn', accelerator: 'CommandOrControl+=' },
    { label: t.zoomOut, role: 'zoomOut' },
    { label: t.resetZoom, role: 'resetZoom' },
    { type: 'separator' },
    { label: t.fullscreen, role: 'togglefullscreen' },
  ];
  if (devTools) view.push({ type: 'separator' }, { label: t.reload, role: 'reload' }, { label: t.devTools, role: 'toggleDevTools' });
  const menu: MenuItemConstructorOptions[] = [
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
  ];
  if (platform === 'darwin') {
    menu.unshift({ label: t.app, submenu: [{ label: t.quit, role: 'quit' }] });
    menu.push({ label: t.window, submenu: [{ label: t.minimize, role: 'minimize' }] });
  }
  return menu;
}
