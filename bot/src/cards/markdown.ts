// TextBlocks render a Markdown subset (bold, italic, lists, links). Text a person typed, or a goal's
// wording from the register, must show as typed: a narrative "*huom* [linkki](http://…)" stays literal.
// Backslash escapes are what every Teams client honours (AdaptiveCards #5590, #7474 fixed mobile).

const INLINE = /[\\*_[\]()~`]/g;

/** Escapes a line-start construct that would turn the line into a list, heading or quote. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+>#])/, "$1\\$2").replace(/^(\s*)(\d+)([.)])/, "$1$2\\$3");
}

/**
 * User or register text for a TextBlock: Markdown neutralised, line breaks kept (Markdown needs an
 * empty line between paragraphs, so single newlines are doubled).
 */
export function md(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => escapeLineStart(line.replace(INLINE, (c) => `\\${c}`)))
    .join("\n\n");
}

/** Bold text of unknown origin. */
export function bold(text: string): string {
  return `**${md(text)}**`;
}
