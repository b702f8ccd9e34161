// `npm start` builds better-sqlite3 for Electron into a separate folder, so Node's build stays.
// This guard still checks that better-sqlite3 loads in Node before the tests, and rebuilds it
// for Node if something (an older checkout, a manual electron-rebuild) replaced it.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  console.log(`better-sqlite3 does not load in Node (${error.message.split('\n')[0]}); rebuilding it for Node…`);
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
}
