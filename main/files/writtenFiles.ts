import path from 'node:path';

/**
 * The files this process wrote for the person in this session (reports, project files), so
 * "Show in folder" and "Open" can refuse any other path: a request naming a file the app did not
 * write is never passed to the system's shell. In memory only, like the export log.
 */
const written = new Set<string>();
const KEEP = 500;

export function rememberWrittenFile(filePath: string): void {
  const resolved = path.resolve(filePath);
  written.delete(resolved);
  written.add(resolved);
  while (written.size > KEEP) written.delete(written.values().next().value as string);
}

export function wasWrittenThisSession(filePath: string): boolean {
  return written.has(path.resolve(filePath));
}

/** Extensions a system would run rather than show: "Open" refuses them even if the app wrote one. */
const EXECUTABLE_EXTENSIONS = new Set([
  '.exe', '.com', '.bat', '.cmd', '.msi', '.msp', '.scr', '.pif', '.cpl', '.ps1', '.psm1', '.vbs', '.vbe', '.js', '.jse',
  '.wsf', '.wsh', '.hta', '.lnk', '.reg', '.jar', '.app', '.command', '.sh', '.bash', '.zsh', '.csh', '.run', '.bin',
  '.desktop', '.appimage', '.py', '.pl', '.rb', '.scpt', '.workflow', '.pkg', '.dmg', '.deb', '.rpm',
]);

export function looksExecutable(filePath: string): boolean {
  return EXECUTABLE_EXTENSIONS.has(path.extname(filePath).toLowerCase());
}
