import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';

/** Where the split between the claims list and the editor is remembered (this window's renderer). */
const STORAGE_KEY = 'factcheck.claimPanelSplit';
const MIN = 15;
const MAX = 85;
const DEFAULT = 50;
const STEP = 5;

const clamp = (value: number) => Math.min(MAX, Math.max(MIN, Math.round(value)));

function remembered(): number {
  try {
    const value = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(value) && value > 0 ? clamp(value) : DEFAULT;
  } catch {
    return DEFAULT;
  }
}

/**
 * The separator between the claims list (above) and the claim editor (below): arrows, Page Up/Down,
 * Home and End or a pointer drag move it; the list's share of the panel is remembered in
 * localStorage. The size is written as a CSS variable on the panel, so resizing re-renders only
 * this separator, never the list, the editor or the article.
 */
export function PanelSplit({ panelRef }: { panelRef: RefObject<HTMLElement | null> }) {
  const [percent, setPercent] = useState(remembered);
  const dragging = useRef(false);

  useLayoutEffect(() => {
    panelRef.current?.style.setProperty('--claims-list-size', `${percent}%`);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(percent));
    } catch {
      // Storage may be unavailable (a private window); the split then lasts until reload.
    }
  }, [panelRef, percent]);

  const fromPointer = (clientY: number) => {
    const panel = panelRef.current;
    if (!panel) return;
    const box = panel.getBoundingClientRect();
    if (box.height > 0) setPercent(clamp(((clientY - box.top) / box.height) * 100));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowUp: percent - STEP,
      ArrowDown: percent + STEP,
      PageUp: percent - 20,
      PageDown: percent + 20,
      Home: MIN,
      End: MAX,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setPercent(clamp(next));
  };

  return (
    <div
      className="panel-split"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the claims list and the claim editor"
      aria-valuenow={percent}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      aria-valuetext={`Claims list ${percent}% of the panel`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={(event: PointerEvent<HTMLDivElement>) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        event.preventDefault();
      }}
      onPointerMove={(event) => {
        if (dragging.current) fromPointer(event.clientY);
      }}
      onPointerUp={(event) => {
        dragging.current = false;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
    />
  );
}
