/**
 * The app's capture window (main/electron/pageCapture.ts) against the fake Electron: what can be
 * checked without a real Chromium — its preferences and that only http(s) pages are ever loaded.
 * The capture itself runs on a real Chromium in tests/unit/main/capture.playwright.test.ts.
 */
import { afterAll, beforeEach, expect, it, vi } from 'vitest';
import { captureWebPreferences, createElectronPageCapture } from '../../../main/electron/pageCapture';
import { FakeBrowserWindow, electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

beforeEach(() => resetFakeElectron());
afterAll(() => resetFakeElectron());

it('the capture window has no Node, no preload, the sandbox, context isolation and its own session', () => {
  const captureSession = electron.session.fromPartition('capture-test');
  const preferences = captureWebPreferences(captureSession as never);
  expect(preferences).toMatchObject({
    session: captureSession,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
  });
  expect(preferences).not.toHaveProperty('preload');
});

it('refuses file:, data: and javascript: before any window is made', async () => {
  const capture = createElectronPageCapture();
  const before = FakeBrowserWindow.instances.length;
  for (const url of ['file:///etc/passwd', 'data:text/html,<p>x</p>', 'javascript:alert(1)']) {
    await expect(capture.capture(url)).rejects.toThrow('Only web pages (http:// or https://) can be captured.');
  }
  expect(FakeBrowserWindow.instances.length).toBe(before);
});
