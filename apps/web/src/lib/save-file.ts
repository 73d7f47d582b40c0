/**
 * Saving text the console made or fetched as a file on the user's machine (a CSV export): a link
 * to the text as a blob, clicked once.
 */

/** How long the blob stays after the click: the browser has taken the file by then. */
const REVOKE_AFTER_MS = 30_000;

export function saveFile(parts: readonly BlobPart[], filename: string, type: string): void {
  const href = URL.createObjectURL(new Blob([...parts], { type }));
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(href);
  }, REVOKE_AFTER_MS);
}
