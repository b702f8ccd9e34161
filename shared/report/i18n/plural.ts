/** A count's wording in each plural category of a language ("{n}" stands for the number). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A catalogue entry that depends on a count: the form is chosen by Intl.PluralRules of the locale
 * (Russian one/few/many, Arabic zero…many, Korean one form). `shown` is the number as printed
 * (formatted, or wrapped for bidi isolation); it defaults to the count in the locale's digits.
 */
export function plural(locale: string, forms: PluralForms): (count: number, shown?: string) => string {
  const rules = new Intl.PluralRules(locale);
  const digits = new Intl.NumberFormat(locale);
  return (count, shown = digits.format(count)) =>
    (forms[rules.select(count)] ?? forms.other).replace('{n}', shown);
}
