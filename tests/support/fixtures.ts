/**
 * The sample articles every test reads (tests/fixtures/articles/, see its README.md). They live in
 * the repository, so a fresh clone tests on its own, with nothing beside it.
 */
import fs from 'node:fs';
import path from 'node:path';

const RELATIVE = path.join('tests', 'fixtures', 'articles');

/** tests/fixtures/articles, found from this file (or, when bundled into dist/, from its ancestors). */
function findArticlesDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, RELATIVE);
    if (fs.existsSync(path.join(candidate, 'README.md'))) return candidate;
    if (fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) break; // the repository's root
  }
  throw new Error(`The sample articles (${RELATIVE}) were not found above ${__dirname}.`);
}

export const ARTICLES_DIR = findArticlesDir();

/** The article files (`*.txt`), sorted. */
export const ARTICLE_NAMES: readonly string[] = fs
  .readdirSync(ARTICLES_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort();

/** A sample article exactly as stored (UTF-8, not normalised). */
export function readArticle(name: string): string {
  return fs.readFileSync(path.join(ARTICLES_DIR, name), 'utf8');
}
