// Saves what the main process made as a file: a download in the browser,
// and in Electron the same (it asks where to save). Text, or bytes (a PDF).
export function download(fileName: string, data: string | Uint8Array<ArrayBuffer>, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([data], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
