/** A problem to announce (role="alert"), or nothing when there is none. */
export function Alert({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="error" id={id}>
      {message}
    </p>
  );
}
