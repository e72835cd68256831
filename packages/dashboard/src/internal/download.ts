/**
 * Offers a file for download through a blob: URL and a temporary link. No data: URL is needed, and
 * the object URL is revoked once the browser has taken the file.
 */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  // Never attached to the page: a host page's router listening for link clicks on document
  // would otherwise see it, and current browsers download from a detached link all the same.
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function downloadText(text: string, filename: string, type: string): void {
  download(new Blob([text], { type }), filename);
}

/** The canvas as PNG, at its device-pixel size. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error('the chart could not be turned into an image'));
    }, 'image/png');
  });
}

/** A file name from parts, keeping letters of any script and digits; nothing a file system minds. */
export function fileName(parts: ReadonlyArray<string | undefined>, extension: string): string {
  const name = parts
    .filter((part): part is string => Boolean(part))
    .map((part) => part.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('_');
  return `${name || 'minyi'}.${extension}`;
}
