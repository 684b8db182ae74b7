import { Link } from "../router";

export function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing here for you. <Link href="/">Back to the catalog</Link>
      </p>
    </section>
  );
}
