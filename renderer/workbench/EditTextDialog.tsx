import { useState } from 'react';
import { LIMITS, type Article } from '../../shared/domain';
import { Modal } from '../components/Modal';
import { ModalActions } from '../components/ModalActions';
import { useAppStore } from '../store';

/** Correct the article text; claims follow their quotes (exact, then fuzzy), the rest are listed to re-attach. */
export function EditTextDialog({ article, onClose }: { article: Article; onClose(): void }) {
  const [text, setText] = useState(article.text);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editArticleText = useAppStore((state) => state.editArticleText);
  const notify = useAppStore((state) => state.notify);

  const save = async () => {
    if (!text.trim()) {
      setError('Paste the article text first.');
      return;
    }
    if (text.length > LIMITS.articleTextChars) {
      setError(
        `The text is too long (${text.length.toLocaleString()} characters; the limit is ${LIMITS.articleTextChars.toLocaleString()}).`,
      );
      return;
    }
    setSaving(true);
    try {
      const { orphaned, total } = await editArticleText(text);
      notify(
        'info',
        total === 0
          ? 'Article text saved.'
          : orphaned === 0
            ? `Article text saved. All ${total} claims found their quotes.`
            : `Article text saved. ${orphaned} of ${total} claims need re-anchoring: they are listed under “Needs re-anchoring”.`,
      );
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The text could not be saved.');
      setSaving(false);
    }
  };

  return (
    <Modal title="Edit article text" onClose={onClose} wide>
      <p className="muted">
        Correct the text as it was published. Claims follow their quotes; a claim whose quote cannot be found
        is kept and listed under “Needs re-anchoring”.
      </p>
      <label className="field">
        <span>Article text</span>
        <textarea
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          dir={article.direction}
          lang={article.language || undefined}
          rows={20}
          aria-invalid={error ? true : undefined}
          autoFocus
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ModalActions
        onCancel={onClose}
        confirmLabel={saving ? 'Saving…' : 'Save text'}
        onConfirm={() => void save()}
        confirmDisabled={saving}
      />
    </Modal>
  );
}
