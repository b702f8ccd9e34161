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
import { FakeBrowserWindow, FakeWebContents, electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

beforeEach(() => resetFakeElectron());

describe('PDF printing', () => {
  it('escapes the footer title and numbers the pages', () => {
    const footer = pdfFooterTemplate('Claims <script>alert(1)</script>');
    expect(footer).not.toContain('<script>');
    expect(footer).toContain('Claims &lt;script&gt;');
    expect(footer).toContain('class="pageNumber"');
    expect(footer).toContain('class="totalPages"');
  });

  it('prints with the page size, backgrounds, header/footer and margins', () => {
    expect(printOptions({ pageSize: 'Letter', footerTitle: 'Report' })).toMatchObject({
      pageSize: 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      footerTemplate: pdfFooterTemplate('Report'),
      margins: {
        top: expect.any(Number),
        bottom: expect.any(Number),
        left: expect.any(Number),
        right: expect.any(Number),
      },
    });
  });

  it('uses a hidden, offscreen, sandboxed window with JavaScript off and no preload, in its own session', () => {
    const preferences = printerWebPreferences();
    expect(preferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      offscreen: true,
      partition: PRINT_PARTITION,
    });
    expect(preferences).not.toHaveProperty('preload');
  });

  it('loads the HTML from a private temp file, prints after load, then destroys the window and the file', async () => {
    const seen: Array<{ url: string; html: string; allowed: boolean; remoteAllowed: boolean }> = [];
    const load = vi.spyOn(FakeWebContents.prototype, 'loadURL').mockImplementation(async function (
      this: FakeWebContents,
      url: string,
    ) {
      const session = electron.session.fromPartition(PRINT_PARTITION);
      seen.push({
        url,
        html: fs.readFileSync(fileURLToPath(url), 'utf8'),
        allowed: session.allows(url),
        remoteAllowed: session.allows('https://tracker.example/pixel.png'),
      });
      this.mainFrame.url = url;
    });
    try {
      const printer = createElectronPdfPrinter();
      const pdf = await printer.print('<h1>Report</h1>', { pageSize: 'A4', footerTitle: 'Budget 2025' });
      expect(pdf.toString()).toContain('%PDF');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ html: '<h1>Report</h1>', allowed: true, remoteAllowed: false });
      expect(seen[0]!.url).toMatch(/^file:\/\//);

      const [window] = FakeBrowserWindow.instances;
      expect(window?.options).toMatchObject({ show: false, webPreferences: printerWebPreferences() });
      expect(window?.webContents.printed).toEqual([
        printOptions({ pageSize: 'A4', footerTitle: 'Budget 2025' }),
      ]);
      expect(window?.destroyed).toBe(true);
      expect(fs.existsSync(fileURLToPath(seen[0]!.url))).toBe(false);
      // After the print, not even the old file may load any more.
      expect(electron.session.fromPartition(PRINT_PARTITION).allows(seen[0]!.url)).toBe(false);
      const session = electron.session.fromPartition(PRINT_PARTITION);
      expect((session.permissionCheckHandler as () => boolean)()).toBe(false);
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
