/** File dialogs as an interface: Electron shows real ones, the harness answers from a folder. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface FileDialogs {
  /** Where to save; null when the person cancelled. */
  chooseSavePath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Which file to open; null when the person cancelled. */
  chooseOpenPath(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
}
