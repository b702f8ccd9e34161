import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/contract';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload and the developer tools only in development. */
  isDev: boolean;
  appName: string;
  /** Sends the 'menu.command' event to the window; the renderer does the work. */
  send(command: MenuCommand): void;
}

/**
 * The native menu as a plain template (tested without electron). Commands go to the renderer as
 * 'menu.command' events. Edit keeps the standard roles: in a text field they act on the text; the
 * renderer's own project-level undo handles Ctrl/Cmd+Z outside text fields (the page sees the key
 * before the menu and prevents its default there).
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.send(name),
  });
  const settings = command('Settings…', 'settings', 'CmdOrCtrl+,');

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        command(`About ${options.appName}`, 'about'),
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: '&File',
    submenu: [
      command('New project', 'new-project', 'CmdOrCtrl+N'),
      command('Import project file…', 'import-project', 'CmdOrCtrl+O'),
      command('Export project file…', 'export-project', 'CmdOrCtrl+E'),
      command('Export report…', 'export-report', 'CmdOrCtrl+P'),
      { type: 'separator' },
      ...(mac
        ? [{ role: 'close' } as const]
        : [settings, { type: 'separator' } as const, { role: 'quit', label: 'Quit' } as const]),
    ],
  });

  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });

  template.push({
    label: '&View',
    submenu: [
      ...(options.isDev
        ? [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });

  if (mac) template.push({ role: 'windowMenu' });

  template.push({
    label: '&Help',
    role: 'help',
    submenu: [
      command('Keyboard shortcuts', 'shortcuts'),
      { type: 'separator' },
      command(`About ${options.appName}`, 'about'),
    ],
  });

  return template;
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
