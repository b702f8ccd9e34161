import { useEffect, useEffectEvent } from 'react';
import { ARTICLE_BODY_ATTRIBUTE, decideShortcut, modalOpen, type ShortcutDecision } from './shortcutScope';

export { ARTICLE_BODY_ATTRIBUTE, modalOpen } from './shortcutScope';

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

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

/** A shortcut key that was not acted on, and why (see shortcutScope.ts). */
export type RefusedShortcut = (event: KeyboardEvent, decision: Extract<ShortcutDecision, { allowed: false }>) => void;

/**
 * Single-key shortcuts of the workbench (J, K, M, 0–9, E, /, ?, Delete, Escape). They act only while
 * focus is in the article or the claims list, never in the claim editor, a dialog or a field, and
 * never on a key held down (`decideShortcut`). Keys are matched by `event.key`; handlers may be
 * replaced freely. `onRefused` hears of a shortcut key that was not acted on.
 */
export function useShortcuts(map: ShortcutMap, enabled = true, onRefused?: RefusedShortcut): void {
  // Reads the map of the latest render when a key arrives, without subscribing again.
  const runShortcut = useEffectEvent((event: KeyboardEvent) => {
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const handler = map[key] ?? (event.key === '?' ? map['?'] : undefined);
    if (!handler) return;
    const decision = decideShortcut({ target: event.target, repeat: event.repeat, dialogOpen: modalOpen() });
    if (!decision.allowed) {
      onRefused?.(event, decision);
      return;
    }
    event.preventDefault();
    handler(event);
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
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
