/**
 * What the unit tests of main/'s API share (vitest only): a failed call's error, a project holding
 * the TASS sample article, and anchors found by their quote.
 */
import { expect } from 'vitest';
import { createAnchor } from '../../shared/anchoring';
import { ApiCallError, type ApiClient } from '../../shared/api/client';
import type { RequestOf } from '../../shared/api/contract';
import { readArticle } from './fixtures';

/** The TASS article on Peskov and the DPRK, as stored (it begins with a space). */
export const TASS = readArticle('en-tass-2024-10-21-peskov-dprk.txt');

/** The error a call fails with; the test fails if the call succeeds or fails with anything else. */
export async function failure(promise: Promise<unknown>): Promise<ApiCallError> {
  const caught = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(ApiCallError);
  return caught as ApiCallError;
}

/** Like `failure`, and checks the error's code (and message). */
export async function expectError(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<ApiCallError> {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  return error;
}

/**
 * A new project "Peskov briefing" with the TASS article in it (`article` changes its fields), and
 * the project's verdict scale.
 */
export async function projectWithArticle(
  api: ApiClient,
  article: Partial<RequestOf<'articles.create'>> = {},
) {
  const project = await api.call('projects.create', { title: 'Peskov briefing' });
  const created = await api.call('articles.create', {
    projectId: project.id,
    title: 'Peskov on DPRK',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text: TASS,
    ...article,
  });
  const { verdicts } = await api.call('projects.get', { id: project.id });
  return { project, article: created, verdicts };
}

/** The anchor of the first occurrence of `quote` in `text`. */
export function anchorOf(text: string, quote: string) {
  const start = text.indexOf(quote);
  expect(start, `not in the text: ${quote}`).toBeGreaterThanOrEqual(0);
  return createAnchor(text, start, start + quote.length);
}
