/** Channel names of the project-file feature (issue: Project files). Schemas: ./contract.projectFiles.ts. */
export const PROJECT_FILE_CHANNELS = [
  'projectFiles.export',
  'projectFiles.inspect',
  'projectFiles.apply',
  'projectFiles.discard',
  'projectFiles.backups',
  'projectFiles.restoreBackup',
] as const;
