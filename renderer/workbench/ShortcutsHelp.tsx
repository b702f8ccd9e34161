import { Modal } from '../components/Modal';
import { ModalActions } from '../components/ModalActions';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: [string[], string][] = [
  [['J'], 'Next claim'],
  [['K'], 'Previous claim'],
  [['M'], 'Mark the selected text as a claim (or attach it, when re-anchoring)'],
  [['1', '…', '9'], 'Set the verdict by its place on the scale (an approved claim goes back to review)'],
  [['0'], 'Set the verdict to “Not yet rated”'],
  [['E'], 'Edit the selected claim (focus its claimant)'],
  [['/'], 'Filter the claims'],
  [['Delete'], 'Delete the selected claim (undo brings it back)'],
  [['Esc'], 'Back to the article from the editor; cancel re-anchoring'],
  [[mod, 'Z'], 'Undo'],
  [['Shift', mod, 'Z'], 'Redo'],
  [['?'], 'This list'],
];

/** The "Keyboard shortcuts" help (the ? key). */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <p className="muted">
        In the article, move the caret with the arrow keys and select with Shift (and {mod} for whole words).
      </p>
      <p className="muted">
        The single keys below act only while the article text or the claims list has focus: never in the claim
        editor, a dialog or a field, and never when a key is held down. A verdict set by a number says what it
        changed, with Undo.
      </p>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                {keys.map((key, index) =>
                  key === '…' ? <span key={index}> … </span> : <kbd key={index}>{key}</kbd>,
                )}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ModalActions confirmLabel="Close" onConfirm={onClose} autoFocus />
    </Modal>
  );
}
