import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElectronDialogs, withDefaultExtension } from '../../../main/electron/dialogs';
import {
  PRINT_PARTITION,
  createElectronPdfPrinter,
  printOptions,
  printerWebPreferences,
} from '../../../main/electron/pdfPrinter';
import { pdfFooterTemplate } from '../../../shared/report/print';
import { FakeBrowserWindow, FakeWebContents, electron, resetFakeElectron, type FakeSession } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

beforeEach(() => resetFakeElectron());

/** What printToPDF gets, written out (margins: 16/16/18/16 mm in inches). */
function expectedPrintOptions(pageSize: 'A4' | 'Letter', title: string) {
  return {
    pageSize,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: pdfFooterTemplate(title),
    margins: { top: 16 / 25.4, right: 16 / 25.4, bottom: 18 / 25.4, left: 16 / 25.4 },
    preferCSSPageSize: false,
    generateTaggedPDF: true,
  };
}

const PRINTER_PREFERENCES = {
  javascript: false,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  offscreen: true,
  spellcheck: false,
  partition: 'factcheck-print',
  images: true,
};

const PERMISSIONS = ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'unknown'];

/** Every permission request refused (callback(false)), every check false, every device refused. */
function expectDeniesEveryPermission(session: FakeSession) {
  expect(session.permissionRequestHandler).toBeTypeOf('function');
  expect(session.permissionCheckHandler).toBeTypeOf('function');
  expect(session.devicePermissionHandler).toBeTypeOf('function');
  for (const permission of PERMISSIONS) {
    const callback = vi.fn();
    (session.permissionRequestHandler as (...args: unknown[]) => void)({}, permission, callback, {});
    expect(callback, permission).toHaveBeenCalledTimes(1);
    expect(callback, permission).toHaveBeenCalledWith(false);
    expect(
      (session.permissionCheckHandler as (...args: unknown[]) => boolean)(null, permission, 'file://', {}),
      permission,
    ).toBe(false);
  }
  for (const deviceType of ['hid', 'serial', 'usb']) {
    expect((session.devicePermissionHandler as (...args: unknown[]) => boolean)({ deviceType, origin: 'file://' }), deviceType).toBe(false);
  }
}

describe('PDF printing', () => {
  it('escapes the footer title and numbers the pages', () => {
    const footer = pdfFooterTemplate('Claims <script>alert(1)</script>');
    expect(footer).not.toContain('<script>');
    expect(footer).toContain('Claims &lt;script&gt;');
    expect(footer).toContain('class="pageNumber"');
    expect(footer).toContain('class="totalPages"');
  });

  it('prints with the page size, backgrounds, header/footer and margins', () => {
    const options = printOptions({ pageSize: 'Letter', footerTitle: 'Report' });
    expect(options).toEqual(expectedPrintOptions('Letter', 'Report'));
    expect(options.footerTemplate).toContain('Report');
    expect(options.footerTemplate).toContain('class="pageNumber"');
    expect(options.footerTemplate).toContain('class="totalPages"');
  });

  it('uses a hidden, offscreen, sandboxed window with JavaScript off and no preload, in its own session', () => {
    // toEqual: a changed value, a dropped key or an added one (a preload, nodeIntegration…) fails.
    expect(printerWebPreferences()).toEqual(PRINTER_PREFERENCES);
    expect(PRINT_PARTITION).toBe('factcheck-print');
  });

  it('loads the HTML from a private temp file, prints after load, then destroys the window and the file', async () => {
    const seen: Array<{ url: string; html: string; allowed: boolean; remoteAllowed: boolean; otherFileAllowed: boolean; dataAllowed: boolean }> = [];
    const load = vi.spyOn(FakeWebContents.prototype, 'loadURL').mockImplementation(async function (
      this: FakeWebContents,
      url: string,
    ) {
      // The window's own session (its partition): the fake throws if it has no request filter.
      const session = this.session;
      seen.push({
        url,
        html: fs.readFileSync(fileURLToPath(url), 'utf8'),
        allowed: session.allows(url),
        remoteAllowed: session.allows('https://tracker.example/pixel.png'),
        otherFileAllowed: session.allows('file:///etc/passwd'),
        dataAllowed: session.allows('data:image/png;base64,AAAA'),
      });
      this.mainFrame.url = url;
    });
    try {
      const printer = createElectronPdfPrinter();
      const pdf = await printer.print('<h1>Report</h1>', { pageSize: 'A4', footerTitle: 'Budget 2025' });
      expect(pdf.toString()).toContain('%PDF');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ html: '<h1>Report</h1>', allowed: true, remoteAllowed: false, otherFileAllowed: false, dataAllowed: true });
      expect(seen[0]!.url).toMatch(/^file:\/\//);

      const [window] = FakeBrowserWindow.instances;
      expect(window?.options).toMatchObject({ show: false, webPreferences: PRINTER_PREFERENCES });
      expect(window?.webContents.session).toBe(electron.session.fromPartition('factcheck-print'));
      expect(window?.webContents.session).not.toBe(electron.session.defaultSession);
      expect(window?.webContents.printed).toEqual([expectedPrintOptions('A4', 'Budget 2025')]);
      expect(window?.destroyed).toBe(true);
      expect(fs.existsSync(fileURLToPath(seen[0]!.url))).toBe(false);
      // After the print, not even the old file may load any more.
      expect(electron.session.fromPartition(PRINT_PARTITION).allows(seen[0]!.url)).toBe(false);
      const session = electron.session.fromPartition(PRINT_PARTITION);
      expectDeniesEveryPermission(session);
    } finally {
      load.mockRestore();
    }
  });

  it('cleans up when printing fails', async () => {
    const fail = vi
      .spyOn(FakeWebContents.prototype, 'printToPDF')
      .mockRejectedValue(new Error('printing failed'));
    try {
      await expect(
        createElectronPdfPrinter().print('<p>x</p>', { pageSize: 'A4', footerTitle: 'x' }),
      ).rejects.toThrow('printing failed');
      expect(FakeBrowserWindow.instances.every((window) => window.destroyed)).toBe(true);
    } finally {
      fail.mockRestore();
    }
  });
});

describe('file dialogs', () => {
  it('returns the chosen save path, adding the extension when it was left off', async () => {
    const window = new FakeBrowserWindow();
    const dialogs = createElectronDialogs(() => window as never);
    const chosen = await dialogs.chooseSavePath({
      title: 'Export report',
      defaultName: 'report.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(chosen).toBe('/tmp/chosen/report.pdf');
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({
        title: 'Export report',
        defaultPath: '/tmp/factcheck-fake-documents/report.pdf',
      }),
    );
    expect(withDefaultExtension('/a/b.factcheck', [{ name: 'x', extensions: ['pdf'] }])).toBe(
      '/a/b.factcheck',
    );
    expect(withDefaultExtension('/a/b', [{ name: 'All', extensions: ['*'] }])).toBe('/a/b');
  });

  it('answers null when the person cancels', async () => {
    const dialogs = createElectronDialogs(() => null);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    expect(await dialogs.chooseSavePath({ title: 't', defaultName: 'n', filters: [] })).toBeNull();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await dialogs.chooseOpenPath({ title: 't', filters: [] })).toBeNull();
  });

  it('returns the file chosen to open', async () => {
    const dialogs = createElectronDialogs(() => null);
    expect(
      await dialogs.chooseOpenPath({
        title: 'Import',
        filters: [{ name: 'Factcheck project', extensions: ['factcheck'] }],
      }),
    ).toBe('/tmp/chosen/project.factcheck');
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ properties: ['openFile'] }),
    );
  });
});
