import { benchCapture } from './capture';
import { benchCaptureSearch } from './captureSearch';
import { benchEditorial } from './editorial';
import { benchEvidence } from './evidence';
import { benchFoundation } from './foundation';
import { benchMatching } from './matching';
import { benchReport } from './report';
import { benchProjectFiles } from './projectFiles';
import { benchReferences } from './references';
import { benchScale } from './scale';
import { benchSearch } from './search';
import { benchWorkbench } from './workbench';

/**
 * `npm run bench`: prints figures for each capability with a cost, beside its raw limit where one
 * exists. Not a test: nothing here fails on a number.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  // 'named': only when asked for by name (`npm run bench -- scale`): it seeds a library of a million claims.
  const suites: [string, () => Promise<void>, 'named'?][] = [
    ['foundation', benchFoundation],
    ['report', benchReport],
    ['projectFiles', benchProjectFiles],
    ['workbench', benchWorkbench],
    ['editorial', benchEditorial],
    ['references', benchReferences],
    ['scale', benchScale, 'named'],
    ['matching', benchMatching, 'named'],
    ['search', benchSearch, 'named'],
    ['capture', benchCapture],
    ['captureSearch', benchCaptureSearch],
    // Writes about 5 GB of temporary files (1 GB of evidence, exported, zipped, imported, unzipped).
    ['evidence', benchEvidence, 'named'],
  ];
  for (const [name, run, when] of suites) {
    if (only ? only !== name : when === 'named') continue;
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
