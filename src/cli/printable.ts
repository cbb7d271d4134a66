/**
 * API text made safe for a terminal: control characters (escape sequences, CR, LF) become spaces, so
 * a job name or a vendor message cannot drive the terminal or forge a line. Everything else, Chinese
 * included, is kept as is.
 */
export function printable(text: string): string {
  return [...text]
    .map((char) => ((char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f' ? ' ' : char))
    .join('');
}
