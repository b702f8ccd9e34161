/**
 * What a pasted post says, without what only the platform adds: links and picture links go,
 * hashtags and @handles written in CamelCase become words ("#BlackLivesMatter" → "Black Lives
 * Matter"), and the date of a quoted tweet's signature line ("— Name (@handle) January 6, 2020")
 * goes, since every post of that day would otherwise look alike.
 */
// Copied tweets often carry links broken by a space ("pic .twitter.com/…", "https ://t.co/…").
const LINK = /(?:https?\s?:\/\/|www\.)\S+|pic\s?\.twitter\.com\/\S+/giu;
const SIGNATURE_DATE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}\s*$/u;
const TAG = /[#@]([\p{L}\p{N}_]+)/gu;

/** "BlackLivesMatter" → "Black Lives Matter", "COVID19" → "COVID 19", "snake_case" → "snake case". */
export function splitCompound(word: string): string {
  return word
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .trim();
}

/**
 * A quoted tweet's signature line ("— Donald J. Trump (@realDonaldTrump) March 24, 2019"), said at
 * the end of the text. Who posted is seldom what the post claims: the re-ranker weighs the rest
 * apart, so a post by D'Souza does not find the check of D'Souza's book.
 */
const SIGNATURE = new RegExp(`\\s[—–]\\s*[^—–\\n]{1,80}\\(@[\\p{L}\\p{N}_]+\\)\\s*(?:${SIGNATURE_DATE.source})?\\s*$`, 'u');

/** The text without its signature line (the text itself when it has none). */
export function withoutSignature(text: string): string {
  const trimmed = text.trimEnd();
  const found = SIGNATURE.exec(trimmed);
  return found ? trimmed.slice(0, found.index) : text;
}

export function cleanQueryText(text: string): string {
  return text
    .replace(LINK, ' ')
    .replace(SIGNATURE_DATE, ' ')
    .replace(TAG, (_whole, word: string) => ` ${splitCompound(word)} `)
    .replace(/\s+/g, ' ')
    .trim();
}
