import { useEffect, useEffectEvent } from 'react';

/** The reading view's text body: keys there are commands, since it cannot be typed into. */
export const ARTICLE_BODY_ATTRIBUTE = 'data-wb-article';

/** True when keys typed at `target` are text (a field, a select's type-ahead, an editable element). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest(`[${ARTICLE_BODY_ATTRIBUTE}]`)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(
      target.type,
    );
  return target.isContentEditable;
}

/** A modal dialog is open: the page behind it takes no shortcuts. */
export function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

/**
 * Single-key shortcuts of the workbench (J, K, M, 1–9, /, ?, Delete, Escape), never while typing in
 * a field or with a modal open. Keys are matched by `event.key`; handlers may be replaced freely.
 */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  // Reads the map of the latest render when a key arrives, without subscribing again.
  const runShortcut = useEffectEvent((event: KeyboardEvent) => {
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const handler = map[key] ?? (event.key === '?' ? map['?'] : undefined);
    if (!handler) return;
    event.preventDefault();
    handler(event);
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      if (isTypingTarget(event.target) || modalOpen()) return;
      runShortcut(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/** Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, for the project; a text field keeps its own undo. */
export function useUndoShortcuts(undo: () => void, redo: () => void): void {
  // The undo and redo of the latest render, without subscribing again.
  const runUndo = useEffectEvent(() => undo());
  const runRedo = useEffectEvent(() => redo());
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      if (isTypingTarget(event.target) || modalOpen()) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        runUndo();
      } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey && event.ctrlKey)) {
        event.preventDefault();
        runRedo();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
