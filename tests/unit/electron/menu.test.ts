import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MenuCommand } from '../../../shared/api/contract';
import { buildMenuTemplate, installMenu } from '../../../main/electron/menu';
import { electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

beforeEach(() => resetFakeElectron());

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] =>
  Array.isArray(item?.submenu) ? (item.submenu as Item[]) : [];
const top = (template: Item[], label: string) =>
  template.find((item) => item.label?.replace('&', '') === label);
const byLabel = (items: Item[], label: string) => items.find((item) => item.label === label);

function build(platform: NodeJS.Platform, isDev = false) {
  const send = vi.fn();
  const template = buildMenuTemplate({ platform, isDev, appName: 'Factcheck Workbench', send });
  return { template, send };
}

function click(item: Item | undefined) {
  expect(item?.click, `${item?.label} has a click handler`).toBeTypeOf('function');
  (item!.click as () => void)();
}

describe('the menu on Windows and Linux', () => {
  it('has File, Edit, View and Help', () => {
    expect(build('linux').template.map((item) => item.label?.replace('&', ''))).toEqual([
      'File',
      'Edit',
      'View',
      'Help',
    ]);
  });

  it('File: New project, Import project file…, Export project file…, Export report…, Settings…, Quit, with their shortcuts', () => {
    const file = submenu(top(build('win32').template, 'File'));
    const commands = file
      .filter((item) => item.label)
      .map((item) => [item.label, item.accelerator ?? null, item.role ?? null]);
    expect(commands).toEqual([
      ['New project', 'CmdOrCtrl+N', null],
      ['Import project file…', 'CmdOrCtrl+O', null],
      ['Export project file…', 'CmdOrCtrl+E', null],
      ['Export report…', 'CmdOrCtrl+P', null],
      ['Settings…', 'CmdOrCtrl+,', null],
      ['Quit', null, 'quit'],
    ]);
    expect(file[4]).toEqual({ type: 'separator' });
  });

  it.each([
    ['File', 'New project', 'new-project'],
    ['File', 'Import project file…', 'import-project'],
    ['File', 'Export project file…', 'export-project'],
    ['File', 'Export report…', 'export-report'],
    ['File', 'Settings…', 'settings'],
    ['Help', 'Keyboard shortcuts', 'shortcuts'],
    ['Help', 'About Factcheck Workbench', 'about'],
  ])('%s → %s sends the menu command %s', (menu, label, command) => {
    const { template, send } = build('linux');
    click(byLabel(submenu(top(template, menu)), label));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(command);
  });

  it('Edit keeps the standard text roles', () => {
    const roles = submenu(top(build('linux').template, 'Edit'))
      .map((item) => item.role)
      .filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('View has reload and developer tools only in development', () => {
    const prod = submenu(top(build('linux', false).template, 'View'))
      .map((item) => item.role)
      .filter(Boolean);
    expect(prod).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const dev = submenu(top(build('linux', true).template, 'View'))
      .map((item) => item.role)
      .filter(Boolean);
    expect(dev).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it.each(['linux', 'win32', 'darwin'] as const)(
    'on %s, offers every command the renderer handles (MenuCommand), each from some item',
    (platform) => {
      const { template, send } = build(platform);
      const walk = (items: Item[]): Item[] => items.flatMap((item) => [item, ...walk(submenu(item))]);
      for (const item of walk(template).filter((entry) => entry.click)) (item.click as () => void)();
      const sent = new Set(send.mock.calls.map(([command]) => command as string));
      expect([...sent].sort()).toEqual([...MenuCommand.options].sort());
    },
  );

  it('every command item sends a valid MenuCommand', () => {
    const { template, send } = build('linux');
    const walk = (items: Item[]): Item[] => items.flatMap((item) => [item, ...walk(submenu(item))]);
    const clickable = walk(template).filter((item) => item.click);
    for (const item of clickable) (item.click as () => void)();
    expect(send).toHaveBeenCalledTimes(clickable.length);
    for (const [command] of send.mock.calls)
      expect(MenuCommand.safeParse(command).success, String(command)).toBe(true);
  });
});

describe('the menu on macOS', () => {
  it('puts About, Settings… and Quit in the app menu, Close in File, and keeps Help → About', () => {
    const { template, send } = build('darwin');
    expect(template.map((item) => item.label?.replace('&', '') ?? item.role)).toEqual([
      'Factcheck Workbench',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'Help',
    ]);
    const appMenu = submenu(template[0]);
    expect(appMenu.map((item) => item.role).filter(Boolean)).toEqual([
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    click(byLabel(appMenu, 'Settings…'));
    expect(send).toHaveBeenLastCalledWith('settings');
    const file = submenu(top(template, 'File'));
    expect(file.map((item) => item.label).filter(Boolean)).toEqual([
      'New project',
      'Import project file…',
      'Export project file…',
      'Export report…',
    ]);
    expect(file.at(-1)).toEqual({ role: 'close' });
    click(byLabel(submenu(top(template, 'Help')), 'About Factcheck Workbench'));
    expect(send).toHaveBeenLastCalledWith('about');
  });
});

it('installMenu sets the application menu built from the template', () => {
  installMenu({ platform: 'linux', isDev: false, appName: 'Factcheck Workbench', send: () => undefined });
  expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  const menu = electron.Menu.current as { template: Item[] };
  expect(menu.template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
});
