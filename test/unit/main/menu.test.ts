import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuLanguage, menuTemplate } from '../../../electron/main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  it('speaks the app language: Vietnamese unless English was chosen', () => {
    expect(menuLanguage(null)).toBe('vi');
    expect(menuLanguage('en')).toBe('en');
    const vi = flatten(menuTemplate('vi', 'win32', false));
    expect(vi.map((i) => i.label).filter(Boolean)).toContain('Sao chép');
    const en = flatten(menuTemplate('en', 'win32', false));
    expect(en.map((i) => i.label).filter(Boolean)).toContain('Copy');
    for (const item of [...vi, ...en]) if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toBeTruthy();
  });

  it('keeps editing and zoom shortcuts, and offers reload and developer tools only in development', () => {
    const roles = (dev: boolean) => flatten(menuTemplate('vi', 'linux', dev)).map((i) => i.role).filter(Boolean);
    expect(roles(false)).toEqual(expect.arrayContaining(['copy', 'paste', 'undo', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('adds the app and window menus macOS expects', () => {
    const mac = menuTemplate('en', 'darwin', false);
    expect(mac[0].label).toBe('ISO Desk');
    expect(flatten(mac).map((i) => i.role)).toContain('quit');
  });
});
