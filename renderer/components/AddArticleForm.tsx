import { useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { LIMITS, type ArticleMeta } from '../../shared/domain';
import { detectDirection, guessLanguage } from '../../shared/text/direction';
import { htmlToText, looksLikeHtml } from '../../shared/text/htmlToText';
import { calendarDateProblem } from '../../shared/domain/calendar';
import { ApiCallError } from '../api';
import { countOf, formatNumber } from '../format/dates';
import { useAppStore } from '../store';
import { ArticleMetaFields } from './ArticleMetaFields';

interface Draft extends ArticleMeta {
  text: string;
}
const EMPTY: Draft = { text: '', title: '', outlet: '', author: '', url: '', publishedDate: '', language: '', direction: 'ltr' };

/** Paste an article and its metadata. Pasted HTML becomes plain text with paragraphs; it is never rendered. */
export function AddArticleForm({ projectId, onDone }: { projectId: string; onDone(articleId: string | null): void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft | 'form', string>>>({});
  const [saving, setSaving] = useState(false);
  // Once the person picks a direction or language, detection stops overriding it.
  const chosen = useRef({ direction: false, language: false });
  const addArticle = useAppStore((state) => state.addArticle);

  const setText = (text: string) => {
    setDraft((current) => {
      const next = { ...current, text };
      if (!chosen.current.direction) next.direction = detectDirection(text);
      if (!chosen.current.language) next.language = guessLanguage(text);
      if (!current.title) {
        const firstLine = text.trim().split('\n')[0] ?? '';
        if (firstLine.length > 0 && firstLine.length <= 140 && text.trim().includes('\n')) next.title = firstLine.trim();
      }
      return next;
    });
    setErrors((current) => ({ ...current, text: undefined }));
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = event.clipboardData.getData('text/html');
    const plain = event.clipboardData.getData('text/plain');
    const incoming = html && looksLikeHtml(html) ? htmlToText(html) : plain;
    const target = event.currentTarget;
    const resulting = target.value.length - (target.selectionEnd - target.selectionStart) + incoming.length;
    if (resulting > LIMITS.articleTextChars) {
      event.preventDefault();
      setErrors((current) => ({
        ...current,
        text: `That paste is too long (${formatNumber(resulting)} characters; the limit is ${formatNumber(LIMITS.articleTextChars)}). Paste the part you are checking.`,
      }));
      return;
    }
    if (incoming !== plain) {
      event.preventDefault();
      const value = target.value.slice(0, target.selectionStart) + incoming + target.value.slice(target.selectionEnd);
      setText(value);
    }
  };

  const update = (key: keyof Draft) => (value: string) => {
    if (key === 'direction') chosen.current.direction = true;
    if (key === 'language') chosen.current.language = true;
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined, form: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: typeof errors = {};
    if (!draft.text.trim()) local.text = 'Paste the article text first.';
    if (!draft.title.trim()) local.title = 'Give the article a title.';
    const dateProblem = calendarDateProblem(draft.publishedDate, { notInFuture: true });
    if (dateProblem) local.publishedDate = dateProblem;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const id = await addArticle({ projectId, ...draft });
      onDone(id);
    } catch (caught) {
      if (caught instanceof ApiCallError && caught.field && caught.field in EMPTY) setErrors({ [caught.field]: caught.message });
      else setErrors({ form: caught instanceof Error ? caught.message : 'The article could not be saved.' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="article-form" onSubmit={submit} aria-label="Add article" noValidate>
      <h2>Add article</h2>
      <div className="article-form-grid">
        <div className="field field-text">
          <label htmlFor="article-text">Article text</label>
          <textarea
            id="article-text"
            value={draft.text}
            onChange={(event) => setText(event.target.value)}
            onPaste={onPaste}
            dir={draft.direction}
            rows={18}
            placeholder="Paste the article here. Paragraphs are kept; formatting and links are not."
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={errors.text ? 'article-text-error' : 'article-text-help'}
            autoFocus
          />
          {errors.text ? (
            <span id="article-text-error" className="field-error" role="alert">
              {errors.text}
            </span>
          ) : (
            <span id="article-text-help" className="field-help">
              {draft.text ? countOf(draft.text.length, 'character') : 'Plain text or a copy from a web page.'}
            </span>
          )}
        </div>
        <div className="article-meta-fields">
          <ArticleMetaFields meta={draft} errors={errors} update={update} layout="column" />
        </div>
      </div>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save article'}
        </button>
      </div>
    </form>
  );
}
