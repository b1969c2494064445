import { useEffect, useState } from 'react';

/**
 * The reference as a QR code, drawn here (no image service): the kiosk scans it at check-in.
 * `qrcode` is loaded with this screen only, so it stays out of the first load.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let live = true;
    void import('qrcode').then((qr) =>
      qr.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((s) => {
        if (live) setSvg(s);
      }),
    );
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="qr"
      style={{ inlineSize: 180, blockSize: 180, background: 'white' }}
      // The SVG comes from the qrcode library for our own reference string, not from input.
      // biome-ignore lint/security/noDangerouslySetInnerHtml: generated SVG markup
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
