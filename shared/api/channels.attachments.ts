/**
 * Channel names of evidence attachments on sources (issue 13). Schemas: ./contract.attachments.ts.
 */
export const ATTACHMENT_CHANNELS = [
  'attachments.list',
  'attachments.addFromPath',
  'attachments.uploadBegin',
  'attachments.uploadChunk',
  'attachments.uploadFinish',
  'attachments.uploadAbort',
  'attachments.remove',
  'attachments.read',
  'attachments.openExternal',
  'attachments.capture',
  'attachments.captureQueue',
] as const;
