import { useState } from "react";
import { call, describeError } from "../api/client";

/** The star: a toggle button whose pressed state is the favorite. */
export function FavoriteButton({
  template,
  displayName,
  favorite,
  onChange,
}: {
  template: string;
  displayName: string;
  favorite: boolean;
  onChange: (favorite: boolean) => void;
}) {
  const [error, setError] = useState<string>();
  const toggle = async () => {
    try {
      await call(favorite ? "delete" : "put", "/api/v1/templates/{name}/favorite", {
        path: { name: template },
      });
      onChange(!favorite);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <button
      type="button"
      className="star"
      aria-pressed={favorite}
      aria-label={`Favorite ${displayName}`}
      title={error ?? (favorite ? "Remove from favorites" : "Add to favorites")}
      onClick={toggle}
    >
      {favorite ? "★" : "☆"}
    </button>
  );
}
