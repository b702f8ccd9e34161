/** The languages offered for an article (BCP-47 code, English name); any other stored code is kept as is. */
export const ARTICLE_LANGUAGES: readonly (readonly [string, string])[] = [
  ['', 'Not set'],
  ['en', 'English'],
  ['ru', 'Russian'],
  ['uk', 'Ukrainian'],
  ['ko', 'Korean'],
  ['ar', 'Arabic'],
  ['he', 'Hebrew'],
  ['fr', 'French'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['pt', 'Portuguese'],
  ['zh', 'Chinese'],
  ['ja', 'Japanese'],
];
