import type { PageCapture } from '../services/pageCapture';

/** The harness captures pages with Playwright's Chromium, loaded on first use so start-up stays fast. */
export function createHarnessPageCapture(): PageCapture {
  let capture: Promise<PageCapture> | null = null;
  const load = () =>
    (capture ??= import('../capture/playwrightCapture').then((module) => module.createPlaywrightCapture()));
  return {
    capture: async (url, options) => (await load()).capture(url, options),
    close: async () => {
      if (capture) await (await capture).close?.();
    },
  };
}
