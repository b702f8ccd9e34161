import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './ids';
import { LIMITS } from './limits';

export const TextDirection = z.enum(['ltr', 'rtl']);
export type TextDirection = z.infer<typeof TextDirection>;

/** http(s) URL or empty. Anything else (javascript:, file:) is refused at the boundary. */
export const WebUrl = z
  .string()
  .trim()
  .max(LIMITS.urlChars, 'That URL is too long.')
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'Enter a web address that starts with http:// or https://.',
  });

/** shared/ has no URL class (it is a host API), so this is a strict syntactic check. */
const HTTP_URL = /^https?:\/\/(?:[^\s:@/]+(?::[^\s@/]*)?@)?(?:[\p{L}\p{N}-]+\.)*[\p{L}\p{N}-]+(?::\d{1,5})?(?:[/?#][^\s]*)?$/iu;

export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value);
}

/** Links a user may open: web pages and mail, never javascript:, file: or data:. */
export function isSafeLinkUrl(value: string): boolean {
  return isHttpUrl(value) || /^mailto:[^\s]+@[^\s]+$/i.test(value);
}

const shortText = (label: string) =>
  z.string().max(LIMITS.shortTextChars, `${label} can be at most ${LIMITS.shortTextChars} characters.`);

/** The metadata a user types about an article; the text itself is validated separately. */
export const ArticleMeta = z.object({
  title: z.string().trim().min(1, 'Give the article a title.').max(LIMITS.titleChars),
  outlet: shortText('Outlet'),
  author: shortText('Author'),
  url: WebUrl,
  publishedDate: CalendarDate,
  /** BCP-47 language tag such as "en", "ru", "ko", "ar"; empty when unknown. */
  language: z.string().max(35),
  direction: TextDirection,
});
export type ArticleMeta = z.infer<typeof ArticleMeta>;

export const ArticleText = z
  .string()
  .max(
    LIMITS.articleTextChars,
    `The article is too long to paste (the limit is ${LIMITS.articleTextChars.toLocaleString('en')} characters). Paste the part you are checking.`,
  )
  .refine((text) => text.trim().length > 0, { message: 'Paste the article text first.' });

export const Article = ArticleMeta.extend({
  id: Id,
  projectId: Id,
  text: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Article = z.infer<typeof Article>;

/** Article without its body, for lists. */
export const ArticleSummary = Article.omit({ text: true }).extend({
  textLength: z.number().int(),
  claimCount: z.number().int(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;
