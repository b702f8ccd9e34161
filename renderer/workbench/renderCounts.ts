/**
 * Render counters for tests and benchmarks: with `?renderCounts` in the page's query string,
 * `window.__renderCounts[name]` counts how often each instrumented component rendered. Without
 * the flag nothing is exposed and counting costs one branch.
 */
declare global {
  interface Window {
    __renderCounts?: Record<string, number>;
  }
}

const enabled =
  typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('renderCounts');
if (enabled) window.__renderCounts = {};

export function countRender(name: string): void {
  if (!enabled) return;
  const counts = window.__renderCounts!;
  counts[name] = (counts[name] ?? 0) + 1;
}
