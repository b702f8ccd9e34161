/** Limits of evidence attachments (issue 13), shared by main (enforced) and the window (told early). */

/** 200 MB per attachment: the schema's CHECK on attachments.size says the same. */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

/** One upload chunk from the window: 1 MB of bytes (base64 in the request). */
export const MAX_UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** What a preview reads at most: images and PDFs up to 20 MB, text up to 1 MB. */
export const MAX_IMAGE_PREVIEW_BYTES = 20 * 1024 * 1024;
export const MAX_TEXT_PREVIEW_BYTES = 1024 * 1024;

/** The short form of a SHA-256 shown in lists and reports (the full value goes in a title). */
export const shortSha256 = (sha256: string): string => sha256.slice(0, 12);

/** "12.5 MB": sizes in messages. */
export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
