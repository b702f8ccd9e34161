import { benchEditorial } from './editorial';
import { benchFoundation } from './foundation';
import { benchReport } from './report';
import { benchProjectFiles } from './projectFiles';
import { benchWorkbench } from './workbench';

/**
 * `npm run bench`: prints figures for each capability with a cost, beside its raw limit where one
 * exists. Not a test: nothing here fails on a number.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const suites: [string, () => Promise<void>][] = [
    ['foundation', benchFoundation],
    ['report', benchReport],
    ['projectFiles', benchProjectFiles],
    ['workbench', benchWorkbench],
    ['editorial', benchEditorial],
  ];
  for (const [name, run] of suites) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
