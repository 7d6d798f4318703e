/** Saves text as a file in the browser; nothing leaves the machine. */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}

/** Saves bytes (an XLSX, a ZIP) as a file in the browser. */
export function downloadBytes(fileName: string, bytes: Uint8Array, mime: string): void {
  downloadBlob(fileName, new Blob([bytes.slice().buffer], { type: mime }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
