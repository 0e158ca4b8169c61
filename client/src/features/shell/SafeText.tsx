import { revealText } from './revealText';

/** Cluster data as inert text, with invisible characters shown as labelled code points. */
export function SafeText({ text }: { text: string }) {
  const parts = revealText(text);
  if (parts.length === 1 && 'text' in parts[0]!) return <>{text}</>;
  return (
    <bdi>
      {parts.map((part, i) =>
        'text' in part ? (
          <span key={i}>{part.text}</span>
        ) : (
          <abbr key={i} className="hidden-char" title={`Invisible character ${part.code}`}>
            {part.code}
          </abbr>
        ),
      )}
    </bdi>
  );
}
