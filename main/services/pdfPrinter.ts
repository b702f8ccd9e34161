/**
 * Chromium's print engine behind an interface: webContents.printToPDF in the app, Playwright's
 * page.pdf() in the harness, tests and the command line. Both print the same report HTML.
 */
export interface PdfOptions {
  pageSize: 'A4' | 'Letter';
  /** Shown in the page footer beside the page number. */
  footerTitle: string;
}

export interface PdfPrinter {
  print(html: string, options: PdfOptions): Promise<Buffer>;
  close?(): Promise<void>;
}
