/** A stored language code as a person reads it: "Russian (ru)"; the code alone when it has no name. */
export function languageName(code: string, locale = 'en'): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? `${name} (${code})` : code;
  } catch {
    // Not a well-formed language tag (an import may store anything): show it as stored.
    return code;
  }
}
