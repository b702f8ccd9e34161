import { useState } from 'react';
import { LibraryBackupsDialog } from './LibraryBackupsDialog';

/**
 * The library cannot be used at all (damaged, or from a newer app): say so plainly, touch nothing,
 * and offer the library's backups (they answer even now; a restore reloads the window).
 */
export function FatalError({ message }: { message: string }) {
  const [showBackups, setShowBackups] = useState(false);
  return (
    <main className="fatal">
      <div role="alert">
        <h1>Your library could not be opened</h1>
        <p>{message}</p>
      </div>
      <p className="muted">
        Nothing was changed. Restore a backup of the library, or quit the app, then fix or move the file named above.
      </p>
      <button type="button" className="button button-primary" onClick={() => setShowBackups(true)}>
        Restore library backup…
      </button>
      {showBackups && <LibraryBackupsDialog libraryUsable={false} onClose={() => setShowBackups(false)} />}
    </main>
  );
}
