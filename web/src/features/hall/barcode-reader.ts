import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
// The reader's WebAssembly is one of our own built files, served from our origin: the polyfill's
// default fetches it from a CDN, which the Content-Security-Policy (connect-src 'self') refuses
// and a centre's network may not reach. Compiling it needs script-src 'wasm-unsafe-eval'.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** What the camera screens need of a Barcode Detection API reader. */
export type QrReader = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };

type NativeDetector = {
  new (options: { formats: string[] }): QrReader;
  getSupportedFormats: () => Promise<string[]>;
};

/**
 * A QR code reader: the browser's own BarcodeDetector where it has one that reads QR codes
 * (Android, ChromeOS, macOS), else the barcode-detector polyfill (ZXing-C++ in WebAssembly, about
 * 1 MB, fetched the first time a camera opens; this module is loaded only then).
 */
export async function createQrReader(): Promise<QrReader> {
  const native = (globalThis as { BarcodeDetector?: NativeDetector }).BarcodeDetector;
  if (native && (await native.getSupportedFormats().catch((): string[] => [])).includes('qr_code'))
    return new native({ formats: ['qr_code'] });
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: ['qr_code'] });
}
