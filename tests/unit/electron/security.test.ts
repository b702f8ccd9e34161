import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWindowOpenHandler,
  defaultExternalLinkDeps,
  denyForeignNavigation,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  openExternalAfterConfirm,
  type ExternalLinkDeps,
} from '../../../main/electron/security';
import {
  FakeBrowserWindow,
  FakeWebContents,
  NO_REQUEST_FILTER_ERROR,
  electron,
  resetFakeElectron,
} from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

beforeEach(() => resetFakeElectron());

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function linkDeps(answer: boolean) {
  const confirm = vi.fn(async (_url: string) => answer);
  const open = vi.fn(async (_url: string) => undefined);
  return { deps: { confirm, open } satisfies ExternalLinkDeps, confirm, open };
}

const openDetails = (url: string) => ({
  url,
  frameName: '',
  features: '',
  disposition: 'foreground-tab' as const,
  referrer: { url: '', policy: 'no-referrer' as const },
});

describe('navigation', () => {
  it.each(['app://factcheck/index.html', 'app://factcheck/index.html#/project/abc', 'app://factcheck/'])(
    'allows %s',
    (url) => {
      const event = FakeWebContents.event({ url });
      denyForeignNavigation(event, url);
      expect(event.defaultPrevented).toBe(false);
    },
  );

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://other/index.html',
    'app://factcheck.evil.example/index.html',
    'about:blank',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ])('prevents the main frame from going to %s', (url) => {
    const event = FakeWebContents.event({ url, isMainFrame: true });
    denyForeignNavigation(event, url);
    expect(event.defaultPrevented).toBe(true);
  });

  it('lets a subframe be about:srcdoc (an inline preview) but never a remote page', () => {
    const srcdoc = FakeWebContents.event({ url: 'about:srcdoc', isMainFrame: false });
    denyForeignNavigation(srcdoc);
    expect(srcdoc.defaultPrevented).toBe(false);
    const remote = FakeWebContents.event({ url: 'https://evil.example/', isMainFrame: false });
    denyForeignNavigation(remote);
    expect(remote.defaultPrevented).toBe(true);
  });

  it('hardens a webContents: will-navigate, will-redirect and will-frame-navigate to another origin are prevented, webviews refused', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, linkDeps(false).deps);
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = FakeWebContents.event({ url: 'https://evil.example/' });
      contents.emit(name, away, 'https://evil.example/');
      expect(away.defaultPrevented, name).toBe(true);
      const home = FakeWebContents.event({ url: 'app://factcheck/index.html' });
      contents.emit(name, home, 'app://factcheck/index.html');
      expect(home.defaultPrevented, name).toBe(false);
    }
    const frame = FakeWebContents.event({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
    const webview = FakeWebContents.event();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler).not.toBeNull();
  });
});

describe('new windows and external links', () => {
  it.each([
    'https://example.org/a?b=c',
    'http://example.org/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://factcheck/index.html',
    'data:text/html,x',
    'mailto:a@b.c',
    'about:blank',
  ])('denies a new window for %s', (url) => {
    const handler = createWindowOpenHandler(null, linkDeps(true).deps);
    expect(handler(openDetails(url))).toEqual({ action: 'deny' });
  });

  it('opens an http(s) link in the browser only after the person confirmed it', async () => {
    const yes = linkDeps(true);
    createWindowOpenHandler(null, yes.deps)(openDetails('https://example.org/source'));
    await flush();
    expect(yes.confirm).toHaveBeenCalledWith('https://example.org/source', null);
    expect(yes.open).toHaveBeenCalledWith('https://example.org/source');

    const no = linkDeps(false);
    createWindowOpenHandler(null, no.deps)(openDetails('https://example.org/source'));
    await flush();
    expect(no.confirm).toHaveBeenCalledTimes(1);
    expect(no.open).not.toHaveBeenCalled();
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'app://factcheck/index.html',
    'ms-msdt:/id',
    'smb://host/share',
    'https://user:pw@example.org/',
  ])('never asks about, nor opens, %s', async (url) => {
    const yes = linkDeps(true);
    createWindowOpenHandler(null, yes.deps)(openDetails(url));
    expect(await openExternalAfterConfirm(url, null, yes.deps)).toBe(false);
    await flush();
    expect(yes.confirm).not.toHaveBeenCalled();
    expect(yes.open).not.toHaveBeenCalled();
  });

  it('asks with a modal dialog.showMessageBox and then calls shell.openExternal', async () => {
    const window = new FakeBrowserWindow();
    electron.dialog.nextMessageBoxResponse = 1; // Cancel
    expect(
      await openExternalAfterConfirm(
        'https://example.org/',
        window.webContents as never,
        defaultExternalLinkDeps,
      ),
    ).toBe(false);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showMessageBox.mock.calls[0]?.[0]).toBe(window);
    expect(electron.dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({
      buttons: ['Open in browser', 'Cancel'],
      cancelId: 1,
      defaultId: 1,
      detail: 'https://example.org/',
    });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();

    electron.dialog.nextMessageBoxResponse = 0; // Open in browser
    expect(
      await openExternalAfterConfirm(
        'https://example.org/',
        window.webContents as never,
        defaultExternalLinkDeps,
      ),
    ).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('a webContents hardened by default routes window.open through the same confirmation', async () => {
    const window = new FakeBrowserWindow();
    hardenWebContents(window.webContents as never);
    electron.dialog.nextMessageBoxResponse = 0;
    expect(window.webContents.windowOpenHandler?.(openDetails('javascript:alert(1)'))).toEqual({
      action: 'deny',
    });
    expect(window.webContents.windowOpenHandler?.(openDetails('https://example.org/x'))).toEqual({
      action: 'deny',
    });
    await flush();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/x');
  });
});

describe('session: permissions and remote requests', () => {
  it('denies every permission request and check', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never, { allowDevTools: false });
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      const callback = vi.fn();
      (session.permissionRequestHandler as (...args: unknown[]) => void)({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(
        (session.permissionCheckHandler as (...args: unknown[]) => boolean)(
          null,
          permission,
          'app://factcheck',
          {},
        ),
        permission,
      ).toBe(false);
    }
    expect(
      (session.devicePermissionHandler as (...args: unknown[]) => boolean)({
        deviceType: 'usb',
        origin: 'app://factcheck',
      }),
    ).toBe(false);
  });

  it('the fake session throws on a request made before a filter is installed (a removed filter cannot pass as "blocked")', () => {
    const session = electron.session.defaultSession;
    expect(() => session.allows('https://example.org/')).toThrow(NO_REQUEST_FILTER_ERROR);
    expect(() => new FakeBrowserWindow().loadURL('app://factcheck/index.html')).toThrow(NO_REQUEST_FILTER_ERROR);
    hardenSession(session as never, { allowDevTools: false });
    expect(session.beforeRequest).toBeTypeOf('function');
    expect(session.allows('https://example.org/')).toBe(false);
  });

  it('a load the filter blocks fails with ERR_BLOCKED_BY_CLIENT and the page stays where it was', async () => {
    hardenSession(electron.session.defaultSession as never, { allowDevTools: false });
    const window = new FakeBrowserWindow();
    await window.loadURL('app://factcheck/index.html');
    await expect(window.loadURL('http://127.0.0.1:8080/')).rejects.toMatchObject({ code: 'ERR_BLOCKED_BY_CLIENT', errno: -20 });
    expect(window.webContents.getURL()).toBe('app://factcheck/index.html');
  });

  it('blocks every request that is not app://factcheck (data:/blob: aside), with DevTools only in development', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never, { allowDevTools: false });
    expect(session.allows('app://factcheck/assets/index.js')).toBe(true);
    expect(session.allows('data:image/png;base64,AAAA')).toBe(true);
    for (const url of [
      'https://example.org/x.png',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'ws://localhost/',
      'app://other/x.js',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/x.js',
    ]) {
      expect(session.allows(url), url).toBe(false);
    }
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { allowDevTools: true })).toBe(
      true,
    );
    expect(isAllowedRequest('https://chrome-devtools-frontend.appspot.com/x', { allowDevTools: true })).toBe(
      false,
    );
  });
});
