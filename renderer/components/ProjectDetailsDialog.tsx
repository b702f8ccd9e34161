import { useId, useState, type FormEvent } from 'react';
import { LIMITS, type Project } from '../../shared/domain';
import { useAppStore } from '../store';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';
import './editorial.css';

/** The project's description and its "Second pair of eyes" rule, saved through editorial.updateProject. */
export function ProjectDetailsDialog({ project, onClose }: { project: Project; onClose(): void }) {
  const [description, setDescription] = useState(project.description);
  const [secondPairOfEyes, setSecondPairOfEyes] = useState(project.secondPairOfEyes);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const updateProjectDetails = useAppStore((state) => state.updateProjectDetails);
  const notify = useAppStore((state) => state.notify);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (description.length > LIMITS.noteChars) {
      setError(`A project description can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`);
      return;
    }
    const changes = {
      ...(description !== project.description ? { description } : {}),
      ...(secondPairOfEyes !== project.secondPairOfEyes ? { secondPairOfEyes } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      await updateProjectDetails(changes);
      notify('info', 'Project details saved.');
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The project details could not be saved.');
      setSaving(false);
    }
  };

  return (
    <Modal title="Project details" onClose={onClose}>
      <form className="details-form" onSubmit={(event) => void submit(event)} aria-label="Project details" noValidate>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            className="details-description"
            value={description}
            onChange={(event) => {
              setDescription(event.target.value);
              setError(null);
            }}
            rows={5}
            dir="auto"
            aria-describedby={`${id}-description-help`}
            aria-invalid={error ? true : undefined}
          />
          <span id={`${id}-description-help`} className="field-help">
            What the project checks and why, for everyone who works on it.
          </span>
        </div>
        <div className="details-check">
          <label className="check">
            <input
              type="checkbox"
              checked={secondPairOfEyes}
              onChange={(event) => setSecondPairOfEyes(event.target.checked)}
              aria-describedby={`${id}-eyes-help`}
            />
            Second pair of eyes
          </label>
          <span id={`${id}-eyes-help`} className="field-help">
            The approver must not be the last person who changed the verdict.
          </span>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <ModalActions onCancel={onClose} confirmLabel={saving ? 'Saving…' : 'Save details'} confirmDisabled={saving} />
      </form>
    </Modal>
  );
}
