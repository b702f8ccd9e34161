/**
 * Channel names for the person's own files after an export (issue 12): show one in its folder, or
 * open it with the program the system chooses. Schemas: ./contract.files.ts.
 */
export const FILE_CHANNELS = ['files.showInFolder', 'files.open'] as const;
