/**
 * A text in Arabic then English, each marked with its language and direction: the hall's shared
 * screens (board, printed ticket) speak to everyone at once.
 */
export function BothLanguages({ text, className }: { text: { ar: string; en: string }; className?: string }) {
  return (
    <>
      <span lang="ar" dir="rtl" className={className}>
        {text.ar}
      </span>
      <span lang="en" dir="ltr" className={className}>
        {text.en}
      </span>
    </>
  );
}
