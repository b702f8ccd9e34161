/** Channel names of the report feature (issue: Reports). Schemas: ./contract.reports.ts. */
export const REPORT_CHANNELS = ['reports.preview', 'reports.export'] as const;
