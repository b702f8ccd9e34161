/**
 * The system's file manager as an interface: Electron's shell in the app (main/electron/fileShell.ts),
 * a recorder in the harness (main/harness/shellRecorder.ts), so a test can see what was asked.
 */
export interface FileShell {
  /** Shows the file selected in its folder. */
  showInFolder(filePath: string): Promise<void>;
  /** Opens the file with its default program. */
  openPath(filePath: string): Promise<void>;
}
