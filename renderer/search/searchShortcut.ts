/** Ctrl+K (Cmd+K on a Mac), without Shift or Alt, and not a held key's repeats. */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'repeat'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && !event.repeat && event.key.toLowerCase() === 'k';
}
