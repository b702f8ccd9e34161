import { PDF_HEADER_TEMPLATE, PRINT_MARGINS, pdfFooterTemplate } from '../../shared/report/print';
import type { PdfOptions, PdfPrinter } from '../services/pdfPrinter';
import { createSharedChromium, systemChromiumPath } from './sharedChromium';

const PRINT_TIMEOUT_MS = 180_000;

export interface PlaywrightPrinterOptions {
  /** A Chromium binary; default CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own download. */
  executablePath?: string;
}

/**
 * PdfPrinter on Playwright's Chromium, for the harness, the tests, the CLI and the bench. One browser
 * is launched on the first print and reused; each print gets its own page, JavaScript off, offline.
 */
export function createPlaywrightPrinter(
  options: PlaywrightPrinterOptions = {},
): PdfPrinter & { close(): Promise<void> } {
  const chromium = createSharedChromium({
    executablePath: options.executablePath ?? systemChromiumPath(),
    purpose: 'print the PDF',
    closedMessage: 'The PDF printer was closed.',
  });

  return {
    async print(html: string, pdfOptions: PdfOptions): Promise<Buffer> {
      const context = await (await chromium.get()).newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
      try {
        // The report loads nothing; anything that tries (it should not) is refused rather than fetched.
        await context.route(/^(?!data:|about:)/, (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        page.setDefaultTimeout(PRINT_TIMEOUT_MS);
        await page.setContent(html, { waitUntil: 'load' });
        // The page's own scripts are off; evaluate runs in an isolated world regardless.
        await page.evaluate('document.fonts.ready.then(() => true)');
        return await page.pdf({
          format: pdfOptions.pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PDF_HEADER_TEMPLATE,
          footerTemplate: pdfFooterTemplate(pdfOptions.footerTitle, pdfOptions.language),
          margin: { ...PRINT_MARGINS },
          preferCSSPageSize: false,
          // A tagged PDF (and its outline, which needs the tags) takes about twice as long to print
          // for a report of many small elements; the report's headings and links work without it.
          tagged: false,
          outline: false,
        });
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    close: () => chromium.close(),
  };
}
