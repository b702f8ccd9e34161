import { useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  type?: string;
  placeholder?: string;
  required?: boolean;
}

/** A labelled one-line field whose error is announced and describes it. */
export function TextField({
  label,
  value,
  onChange,
  error,
  type = 'text',
  placeholder,
  required,
}: TextFieldProps) {
  const id = useId();
  // The error sits outside the <label> so it describes the field without changing its name.
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-required={required}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
