import { escapeHtml } from './escape';
import { REPORT_CATALOGUES, REPORT_DIRECTIONS, type ReportLanguage } from './i18n';
import type { PageSize } from './options';

/**
 * What both PDF printers (Electron's webContents.printToPDF and Playwright's page.pdf) need beside
 * the report HTML, so the two produce the same pages.
 */
export const PRINT_MARGINS_MM = { top: 16, right: 16, bottom: 18, left: 16 } as const;

export const PRINT_MARGINS = {
  top: `${PRINT_MARGINS_MM.top}mm`,
  right: `${PRINT_MARGINS_MM.right}mm`,
  bottom: `${PRINT_MARGINS_MM.bottom}mm`,
  left: `${PRINT_MARGINS_MM.left}mm`,
} as const;

/** Electron's printToPDF takes margins in inches. */
export const PRINT_MARGINS_INCHES = {
  top: PRINT_MARGINS_MM.top / 25.4,
  right: PRINT_MARGINS_MM.right / 25.4,
  bottom: PRINT_MARGINS_MM.bottom / 25.4,
  left: PRINT_MARGINS_MM.left / 25.4,
} as const;

export const PAGE_SIZES_MM: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
};

export const FOOTER_FONT_STACK =
  '"Helvetica Neue", Arial, "Liberation Sans", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK KR", "DejaVu Sans", sans-serif';

/** An empty header: without it Chromium prints the date and the document title at the top. */
export const PDF_HEADER_TEMPLATE = '<div></div>';

/**
 * The page footer: the report title at the start, "Page X of Y" (in the report's language) at the
 * end; an Arabic report's footer runs right to left. Chromium fills the pageNumber/totalPages
 * spans. The template is its own tiny document: styles must be inline.
 */
export function pdfFooterTemplate(title: string, language: ReportLanguage = 'en'): string {
  const page = REPORT_CATALOGUES[language].page(
    '<span class="pageNumber" style="unicode-bidi:isolate;"></span>',
    '<span class="totalPages" style="unicode-bidi:isolate;"></span>',
  );
  const chars = Array.from(title);
  const shown = chars.length > 140 ? `${chars.slice(0, 139).join('')}…` : title;
  return (
    `<div style="box-sizing:border-box;width:100%;padding:0 ${PRINT_MARGINS.right} 0 ${PRINT_MARGINS.left};` +
    `font-family:${FOOTER_FONT_STACK.replace(/"/g, "'")};font-size:7.5pt;color:#5b6470;-webkit-print-color-adjust:exact;">` +
    `<div dir="${REPORT_DIRECTIONS[language]}" lang="${language}" style="display:flex;justify-content:space-between;gap:6mm;padding-top:2.5mm;border-top:0.4pt solid #c9ced6;">` +
    `<span dir="auto" style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis;">${escapeHtml(shown)}</span>` +
    `<span style="white-space:nowrap;">${page}</span>` +
    `</div></div>`
  );
}
