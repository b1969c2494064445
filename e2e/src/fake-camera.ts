/**
 * A camera for Chromium to show the page: Chromium's fake capture device plays a Y4M file in a
 * loop (`--use-file-for-fake-video-capture`). It opens the file each time a page starts the
 * camera, so a test may write a new picture there between two camera starts, at the same size.
 * Written here from the `qrcode` package's modules, since ffmpeg is not on every machine.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 5;

/** Chromium's flags for a fake camera playing `videoPath`, with camera permission granted. */
export function fakeCameraFlags(videoPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${videoPath}`,
  ];
}

/** Writes a Y4M video (4:2:0, 640×480) of `text` as a black QR code on white to `videoPath`. */
export function writeQrVideo(videoPath: string, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = modules.size + 2 * quiet;
  const scale = Math.floor((Math.min(WIDTH, HEIGHT) * 0.8) / cells);
  const left = Math.floor((WIDTH - cells * scale) / 2);
  const top = Math.floor((HEIGHT - cells * scale) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const x0 = left + (col + quiet) * scale;
      const y0 = top + (row + quiet) * scale;
      for (let y = y0; y < y0 + scale; y++) luma.fill(0, y * WIDTH + x0, y * WIDTH + x0 + scale);
    }
  // No colour: both chroma planes at their middle value.
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(videoPath, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
