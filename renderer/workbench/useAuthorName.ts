import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';

/**
 * Settings' author name ("me"): read once, and again whenever the Settings dialog closes (it may
 * have changed there). '' while unknown or not set.
 */
export function useAuthorName(): string {
  const name = useAppStore((state) => state.authorName);
  const load = useAppStore((state) => state.loadAuthorName);
  const settingsOpen = useAppStore((state) => state.openDialog === 'settings');
  const wasOpen = useRef(settingsOpen);
  useEffect(() => {
    if (settingsOpen) {
      wasOpen.current = true;
      return;
    }
    void load(wasOpen.current);
    wasOpen.current = false;
  }, [settingsOpen, load]);
  return name ?? '';
}
