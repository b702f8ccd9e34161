import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ArticleMeta, type Article } from '../../shared/domain';
import { calendarDateProblem } from '../../shared/domain/calendar';
import { ApiCallError } from '../api';
import { useAppStore } from '../store';
import { ArticleMetaFields } from './ArticleMetaFields';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';
import './editorial.css';

type Field = keyof ArticleMeta;
type Errors = Partial<Record<Field | 'form', string>>;
const FIELDS: readonly Field[] = ['title', 'outlet', 'author', 'url', 'publishedDate', 'language', 'direction'];

const metaOf = (article: Article): ArticleMeta => ({
  title: article.title,
  outlet: article.outlet,
  author: article.author,
  url: article.url,
  publishedDate: article.publishedDate,
  language: article.language,
  direction: article.direction,
});

/** The first problem with each field, as the library would report it, before anything is sent. */
function check(draft: ArticleMeta): { meta: ArticleMeta; errors: null } | { meta: null; errors: Errors } {
  const parsed = ArticleMeta.safeParse(draft);
  const errors: Errors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field | undefined;
      if (field && FIELDS.includes(field) && !errors[field]) errors[field] = issue.message;
    }
  }
  const dateProblem = calendarDateProblem(draft.publishedDate, { notInFuture: true });
  if (dateProblem) errors.publishedDate = dateProblem;
  if (Object.keys(errors).length > 0 || !parsed.success) return { meta: null, errors };
  return { meta: parsed.data, errors: null };
}

/** "Edit details": correct an article's title, outlet, author, URL, published date, language and direction. */
export function EditArticleDetailsDialog({ article, onClose }: { article: Article; onClose(): void }) {
  const [draft, setDraft] = useState<ArticleMeta>(() => metaOf(article));
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const updateArticleDetails = useAppStore((state) => state.updateArticleDetails);
  const notify = useAppStore((state) => state.notify);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused save, the first field with a problem gets the focus.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const update = (field: Field) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(draft);
    if (checked.errors) {
      setErrors(checked.errors);
      setRefusals((count) => count + 1);
      return;
    }
    setSaving(true);
    try {
      await updateArticleDetails(article.id, checked.meta);
      notify('info', 'Article details saved.');
      onClose();
    } catch (caught) {
      const field = caught instanceof ApiCallError ? caught.field?.replace(/^meta\./, '') : undefined;
      const message = caught instanceof Error ? caught.message : 'The details could not be saved.';
      setErrors(field && (FIELDS as readonly string[]).includes(field) ? { [field]: message } : { form: message });
      setRefusals((count) => count + 1);
      setSaving(false);
    }
  };

  return (
    <Modal title="Edit article details" onClose={onClose}>
      <form ref={formRef} className="details-form" onSubmit={(event) => void submit(event)} aria-label="Article details" noValidate>
        <ArticleMetaFields meta={draft} errors={errors} update={update} layout="rows" />
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <ModalActions onCancel={onClose} confirmLabel={saving ? 'Saving…' : 'Save details'} confirmDisabled={saving} />
      </form>
    </Modal>
  );
}
