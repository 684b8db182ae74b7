import { useState } from "react";

/** A template's icon, or its initial when there is none or it does not load (icons live on other sites). */
export function TemplateIcon({ src, name, size = 48 }: { src: string; name: string; size?: number }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed)
    return (
      <span className="icon-fallback" style={{ width: size, height: size }} aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
    );
  return (
    <img
      className="icon"
      src={src}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
