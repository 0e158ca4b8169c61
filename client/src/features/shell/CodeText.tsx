import { SafeText } from './SafeText';

/** A message whose `backticked` parts are code: shown as code, never as literal backticks. */
export function CodeText({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the last one unpaired: show the text as it is.
  if (parts.length % 2 === 0) return <SafeText text={text} />;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i}>
            <SafeText text={part} />
          </code>
        ) : (
          part && <SafeText key={i} text={part} />
        ),
      )}
    </>
  );
}
