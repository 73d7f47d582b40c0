/** What a client wrote (a path, a user agent, a parameter), kept to a bounded length wherever it is recorded or logged. */

/** The most characters kept of a text a client wrote. */
export const CLIENT_TEXT_MAX = 256;

/** `text` cut to `max` characters, saying so. */
export function clipped(text: string, max = CLIENT_TEXT_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
