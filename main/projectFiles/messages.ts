import type { ErrorCode } from '../../shared/api/result';
import { AppError } from '../errors';

/**
 * Every refusal of a project file reads "Can’t import “name”: <what is wrong>. Nothing was
 * changed." — the same words in the app, the harness and on the command line.
 */
export function importError(code: ErrorCode, fileName: string, reason: string): AppError {
  const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
  return new AppError(code, `Can’t import “${fileName}”: ${sentence} Nothing was changed in your library.`);
}

export function newerVersionError(fileName: string, fileVersion: number, appVersion: number): AppError {
  return new AppError(
    'invalid_request',
    `This file was made by a newer version of the app; update to open it. (“${fileName}” is project-file format ${fileVersion}; this app reads formats up to ${appVersion}.) Nothing was changed in your library.`,
  );
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 * 1024
    ? `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`
    : bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} bytes`;

export const formatCount = (n: number): string => n.toLocaleString('en');

/** A JSON path as people read it: claims[3].anchor.start. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Keeps a quoted value short enough for a message. */
export function clip(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
