import type { PdfPrinter } from '../services/pdfPrinter';

/** The harness prints with Playwright's Chromium, loaded on first use so start-up stays fast. */
export function createHarnessPrinter(): PdfPrinter {
  let printer: Promise<PdfPrinter> | null = null;
  const load = () => (printer ??= import('../reports/playwrightPrinter').then((module) => module.createPlaywrightPrinter()));
  return {
    print: async (html, options) => (await load()).print(html, options),
    close: async () => {
      if (printer) await (await printer).close?.();
    },
  };
}
