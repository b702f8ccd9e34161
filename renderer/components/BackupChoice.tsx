import type { ReactNode } from 'react';

/** Backups to choose one from (library or project backups), as radio buttons; `describe` says what each is. */
export function BackupChoice<T extends { id: string }>({
  legend,
  name,
  backups,
  chosen,
  onChoose,
  describe,
}: {
  legend: string;
  /** The radio group's name. */
  name: string;
  backups: readonly T[];
  chosen: string | null;
  onChoose(id: string): void;
  describe(backup: T): ReactNode;
}) {
  return (
    <fieldset className="backup-list">
      <legend>{legend}</legend>
      {backups.map((backup) => (
        <label key={backup.id} className="check">
          <input
            type="radio"
            name={name}
            checked={chosen === backup.id}
            onChange={() => onChoose(backup.id)}
          />
          <span>{describe(backup)}</span>
        </label>
      ))}
    </fieldset>
  );
}
