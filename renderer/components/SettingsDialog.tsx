import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { DEFAULT_SETTINGS, DateFormat, type Settings } from '../../shared/domain';
import { DATE_FORMAT_CHOICES, formatDate, setDateFormat } from '../format/dates';
import { api, ApiCallError } from '../api';
import { useAppStore } from '../store';
import { TextField } from './TextField';
import { LibraryBackupsDialog } from './LibraryBackupsDialog';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';

const MAX_LOGO_BYTES = 700_000;
/** The day the date-format choices are shown with. */
const EXAMPLE_DAY = '2026-12-01';

/** Library-wide settings: who is working (stamped on every change) and what reports say about the organisation. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<{ field?: string | undefined; message: string } | null>(null);
  /** The backups dialog takes the settings dialog's place; its unsaved fields wait here. */
  const [showBackups, setShowBackups] = useState(false);
  const notify = useAppStore((state) => state.notify);
  const reportError = useAppStore((state) => state.reportError);

  useEffect(() => {
    api.call('settings.get', {}).then(setSettings).catch(reportError);
  }, [reportError]);

  const set = (key: keyof Settings) => (value: string) => setSettings((current) => ({ ...(current ?? DEFAULT_SETTINGS), [key]: value }));

  const onLogo = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!/^image\/(png|jpeg|svg\+xml)$/.test(file.type)) {
      setError({ field: 'organisationLogo', message: 'The logo must be a PNG, JPEG or SVG image.' });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setError({ field: 'organisationLogo', message: 'The logo is too large; use an image under 700 KB.' });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => set('organisationLogo')(String(reader.result));
    reader.readAsDataURL(file);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings) return;
    try {
      const saved = await api.call('settings.update', settings);
      setDateFormat(saved.dateFormat);
      notify('info', 'Settings saved.');
      onClose();
    } catch (caught) {
      setError({ field: caught instanceof ApiCallError ? caught.field : undefined, message: caught instanceof Error ? caught.message : 'Settings could not be saved.' });
    }
  };

  const fieldError = (field: keyof Settings) => (error?.field === field ? error.message : undefined);
  if (showBackups) return <LibraryBackupsDialog onClose={() => setShowBackups(false)} />;
  return (
    <Modal title="Settings" onClose={onClose}>
      {settings ? (
        <form className="settings-form" onSubmit={submit} aria-label="Settings">
          <TextField label="Your name" value={settings.authorName} onChange={set('authorName')} error={fieldError('authorName')} placeholder="Shown in each claim’s history" />
          <TextField label="Organisation" value={settings.organisationName} onChange={set('organisationName')} error={fieldError('organisationName')} />
          <div className="field">
            <label htmlFor="settings-logo">Organisation logo</label>
            <input id="settings-logo" type="file" accept="image/png,image/jpeg,image/svg+xml" onChange={onLogo} />
            {settings.organisationLogo && (
              <span className="logo-preview">
                <img src={settings.organisationLogo} alt="Current logo" />
                <button type="button" className="button button-quiet button-small" onClick={() => set('organisationLogo')('')}>
                  Remove logo
                </button>
              </span>
            )}
            {fieldError('organisationLogo') && (
              <span className="field-error" role="alert">
                {fieldError('organisationLogo')}
              </span>
            )}
          </div>
          <TextField label="Report URL" value={settings.reportBaseUrl} onChange={set('reportBaseUrl')} error={fieldError('reportBaseUrl')} type="url" placeholder="https://" />
          <div className="field">
            <label htmlFor="settings-date-format">Date format</label>
            <select
              id="settings-date-format"
              value={settings.dateFormat}
              onChange={(event) => set('dateFormat')(DateFormat.parse(event.target.value))}
              aria-describedby="settings-date-format-help"
            >
              {DATE_FORMAT_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.value === 'system' ? `System (${formatDate(EXAMPLE_DAY, 'system')})` : choice.label}
                </option>
              ))}
            </select>
            <span className="muted" id="settings-date-format-help">
              How dates and times are shown in the app. Reports follow their own language.
            </span>
          </div>
          <div className="field">
            <span>Library backups</span>
            <span className="muted">A copy of the whole library is made every day and before each app update.</span>
            <span>
              <button type="button" className="button button-small" onClick={() => setShowBackups(true)}>
                Restore library backup…
              </button>
            </span>
          </div>
          {error && !error.field && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )}
          <ModalActions onCancel={onClose} confirmLabel="Save settings" />
        </form>
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </Modal>
  );
}
