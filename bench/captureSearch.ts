/**
 * Captured pages in the library search (migration 11): what a long captured page costs. A claim's
 * index row is computed whole on every edit; a page's terms are analysed once, when it is stored
 * (`search_terms`), so an edit only copies them. Beside it: the same edit without a capture, and
 * the analyzer over the page (what each edit would cost if the page were analysed again). Then
 * "Search library" for a word at the top and at the bottom of a 1M-character page (the result's
 * excerpt reads the page a piece at a time). Figures only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibraryApi } from '../main/library';
import { storeCapture } from '../main/capture/storeCapture';
import { CAPTURE_SEARCH_TEXT_CHARS } from '../main/capture/captureSearchText';
import { createAnchor } from '../shared/anchoring';
import { createApiClient } from '../shared/api/client';
import { formatMs, ratio, timeAsync, timeIt } from './timing';

const RUNS = 5;
const ARTICLE = 'Officials said the brigade crossed the river on Tuesday.';

/** Ordinary prose of about `chars` characters, with a marker word first and another last. */
function longPage(chars: number): string {
  const sentence = 'The ministry published its quarterly figures and the committee debated them at length. ';
  const body = sentence.repeat(Math.ceil(chars / sentence.length));
  return `Toppermostword ${body}`.slice(0, chars - ' Bottommostword'.length) + ' Bottommostword';
}

export async function benchCaptureSearch(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-capture-search-'));
  const library = openLibraryApi({
    dataDir,
    appVersion: 'bench',
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    printer: { print: async () => Promise.reject(new Error('No printer in this bench.')) },
    log: () => undefined,
  });
  const api = createApiClient({ invoke: (channel, request) => library.registry.dispatch(channel, request), subscribe: () => () => undefined });
  try {
    const project = await api.call('projects.create', { title: 'Capture search bench' });
    const article = await api.call('articles.create', {
      projectId: project.id, title: 'Bench', outlet: 'Bench', author: '', url: '', publishedDate: '2026-12-01',
      language: 'en', direction: 'ltr', text: ARTICLE,
    });
    const claimOn = async () => {
      const claim = await api.call('claims.create', { articleId: article.id, anchor: createAnchor(ARTICLE, 0, 9), fields: { statement: 'The brigade crossed' } });
      const source = await api.call('sources.create', { claimId: claim.id, fields: { title: 'Ministry', url: 'https://example.org/m' } });
      return { claim, source };
    };
    const page = longPage(CAPTURE_SEARCH_TEXT_CHARS);
    const plain = await claimOn();
    const captured = await claimOn();

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-capture-'));
    fs.writeFileSync(path.join(folder, 'page.txt'), page);
    const ctx = library.ctx!;
    const storeMs = await timeAsync(() =>
      storeCapture(ctx, dataDir, captured.source.id, {
        finalUrl: 'https://example.org/m', httpStatus: 200, capturedAt: new Date().toISOString(), folder, text: page,
        files: [{ kind: 'capture-text', name: 'page.txt', mediaType: 'text/plain', path: path.join(folder, 'page.txt') }],
      }),
    );
    console.log(`captureSearch: storing a capture of ${page.length.toLocaleString('en')} characters of text (file, row, claim indexed): ${formatMs(storeMs)}`);

    let edits = 0;
    const editOf = (claimId: string) => () => api.call('claims.update', { id: claimId, fields: { rationale: `Edit ${edits++}` } });
    const withCapture = await timeAsync(editOf(captured.claim.id), RUNS);
    const without = await timeAsync(editOf(plain.claim.id), RUNS);
    const analyzer = timeIt(() => ctx.db.prepare(`SELECT length(fc_index_text(?)) AS n`).get(page), RUNS);
    console.log(`captureSearch: a claim edit (rationale), no capture: ${formatMs(without)}; with a 1M-character captured page: ${formatMs(withCapture)} (median of ${RUNS})`);
    console.log(`captureSearch: the analyzer over the page (fc_index_text; each edit's cost were the page analysed again): ${formatMs(analyzer)}; the edit takes ${ratio(withCapture, analyzer)} of it`);

    for (const word of ['toppermostword', 'bottommostword']) {
      let field = '';
      const ms = await timeAsync(async () => {
        const result = await api.call('search.query', { text: word });
        field = result.projects[0]?.claims[0]?.context?.field ?? '(not found)';
      }, RUNS);
      console.log(`captureSearch: search.query "${word}" (excerpt from the ${word.startsWith('top') ? 'top' : 'bottom'} of the page, "${field}"): ${formatMs(ms)}`);
    }
  } finally {
    library.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
