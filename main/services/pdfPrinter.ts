/**
 * Chromium's print engine behind an interface: webContents.printToPDF in the app, Playwright's
 * page.pdf() in the harness, tests and the command line. Both print the same report HTML.
 */
import type { ReportLanguage } from '../../shared/report/i18n/languages';

export interface PdfOptions {
  pageSize: 'A4' | 'Letter';
  /** Shown in the page footer beside the page number. */
  footerTitle: string;
  /** The report's language: the footer's "Page X of Y" is written in it (default English). */
  language?: ReportLanguage;
}

export interface PdfPrinter {
  print(html: string, options: PdfOptions): Promise<Buffer>;
  close?(): Promise<void>;
}
