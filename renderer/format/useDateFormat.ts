import { useSyncExternalStore } from 'react';
import type { DateFormat } from '../../shared/domain';
import { api } from '../api';
import { currentDateFormat, setDateFormat, subscribeDateFormat } from './dates';

let loading: Promise<void> | null = null;

/** Reads the saved "Date format" once per window; a library that cannot answer keeps "System". */
function loadOnce(): void {
  loading ??= api
    .call('settings.get', {})
    .then((settings) => setDateFormat(settings.dateFormat))
    .catch(() => undefined);
}

/**
 * The date format in force. A component that shows dates calls this so it renders again when the
 * setting is loaded or changed in Settings.
 */
export function useDateFormat(): DateFormat {
  loadOnce();
  return useSyncExternalStore(subscribeDateFormat, currentDateFormat, currentDateFormat);
}
