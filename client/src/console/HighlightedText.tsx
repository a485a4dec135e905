const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Shows the sensitive words that held a question, marked inside the text itself, so the
 * moderator sees the context at a glance. Built from text nodes only: citizen text never
 * becomes markup.
 */
export function HighlightedText({ text, words }: { text: string; words: readonly string[] }) {
  const usable = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length)
  if (usable.length === 0) return <>{text}</>
  // With one capturing group, split() puts the matches at the odd indices.
  const parts = text.split(new RegExp(`(${usable.map(escape).join('|')})`, 'giu'))
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5 text-slate-900" data-testid="sensitive-mark">{part}</mark>
        ) : (
          part
        ),
      )}
    </>
  )
}
