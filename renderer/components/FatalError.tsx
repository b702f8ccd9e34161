/** The library cannot be used at all (damaged, or from a newer app): say so plainly, touch nothing. */
export function FatalError({ message }: { message: string }) {
  return (
    <main className="fatal" role="alert">
      <h1>Your library could not be opened</h1>
      <p>{message}</p>
      <p className="muted">Nothing was changed. Quit the app, then fix or move the file named above.</p>
    </main>
  );
}
