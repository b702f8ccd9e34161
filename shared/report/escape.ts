import { isHttpUrl } from '../domain/article';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content and quoted attribute values: every value in a report goes through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** An http(s) URL fit for an href, or null. Anything else (javascript:, data:, file:) is shown as text only. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return trimmed !== '' && isHttpUrl(trimmed) ? trimmed : null;
}

const LOGO = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/** The organisation logo, only as an inline data: image (a report never loads anything remote). */
export function safeLogo(dataUrl: string): string | null {
  return LOGO.test(dataUrl) ? dataUrl : null;
}

const HEX = /^#[0-9a-fA-F]{6}$/;
export const NEUTRAL_COLOUR = '#6b7280';

/** A verdict colour safe to put in a style attribute (the schema checks it too; this is belt and braces). */
export function safeColour(colour: string | null | undefined): string {
  return colour && HEX.test(colour) ? colour.toLowerCase() : NEUTRAL_COLOUR;
}

/** White or near-black, whichever reads better on the given background (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const hex = safeColour(background);
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const contrastWithWhite = 1.05 / (luminance + 0.05);
  const contrastWithBlack = (luminance + 0.05) / 0.05;
  // White while it is readable at the chip's small size (WCAG AA, 4.5:1), else whichever reads better.
  return contrastWithWhite >= 4.5 || contrastWithWhite >= contrastWithBlack ? '#ffffff' : '#111827';
}

/** A BCP-47-ish language tag safe for a lang attribute, or ''. */
export function safeLang(tag: string): string {
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : '';
}
