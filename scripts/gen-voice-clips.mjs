// Generates the display board's spoken-call clips ONCE with Debian's espeak-ng and opusenc
// (`apt-get install espeak-ng opus-tools`); the results are committed under web/public/voice, so
// neither tool is needed to build or run Mawaeed. Browser speech synthesis has no Arabic voice on
// Linux, so the board plays these clips instead (core/src/queue/announcement.ts composes them).
//
//   node scripts/gen-voice-clips.mjs
//
// Per language: the numbers 0–99 and the hundreds 100–900 (Arabic numbers agree with what they
// count, so whole numbers are spoken, never digit by digit), "and", the letters A–Z, "ticket
// number" and "counter number"; plus one chime. Mono Opus at a speech bitrate keeps them small.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'web/public/voice');
const work = join(tmpdir(), `mawaeed-voice-${process.pid}`);
mkdirSync(work, { recursive: true });

const LETTERS_AR = {
  A: 'إيه',
  B: 'بي',
  C: 'سي',
  D: 'دي',
  E: 'إي',
  F: 'إف',
  G: 'جي',
  H: 'إتش',
  I: 'آي',
  J: 'جيه',
  K: 'كيه',
  L: 'إل',
  M: 'إم',
  N: 'إن',
  O: 'أو',
  P: 'بي',
  Q: 'كيو',
  R: 'آر',
  S: 'إس',
  T: 'تي',
  U: 'يو',
  V: 'في',
  W: 'دبليو',
  X: 'إكس',
  Y: 'واي',
  Z: 'زد',
};

const TEXTS = {
  ar: { ticket: 'التذكرة رقم', counter: 'إلى الشباك رقم', and: 'وَ', letter: (l) => LETTERS_AR[l] },
  en: { ticket: 'Ticket number', counter: 'please go to counter', and: 'and', letter: (l) => l },
};

function run(command, args) {
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
}

function encode(wav, target) {
  run('opusenc', ['--quiet', '--bitrate', '8', '--downmix-mono', wav, target]);
}

function speak(language, text, name) {
  const wav = join(work, `${language}-${name}.wav`);
  // -s: words per minute (a little slower than the default, for a hall); -g: gap between words.
  run('espeak-ng', ['-v', language, '-s', '150', '-g', '2', '-w', wav, text]);
  encode(wav, join(out, language, `${name}.opus`));
}

/** A two-tone "ding-dong" (E5 then C5), fading out, 16 kHz mono PCM. */
function chime() {
  const rate = 16_000;
  const tones = [
    [659.25, 0.45],
    [523.25, 0.7],
  ];
  const samples = [];
  for (const [freq, seconds] of tones) {
    const n = Math.round(rate * seconds);
    for (let i = 0; i < n; i++) {
      const t = i / rate;
      const envelope = Math.min(1, i / 160) * Math.exp(-3.2 * t);
      const s = Math.sin(2 * Math.PI * freq * t) * 0.8 + Math.sin(4 * Math.PI * freq * t) * 0.2;
      samples.push(Math.round(s * envelope * 0.6 * 32767));
    }
  }
  const data = Buffer.alloc(samples.length * 2);
  for (const [i, s] of samples.entries()) data.writeInt16LE(s, i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const wav = join(work, 'chime.wav');
  writeFileSync(wav, Buffer.concat([header, data]));
  encode(wav, join(out, 'chime.opus'));
}

rmSync(out, { recursive: true, force: true });
for (const language of ['ar', 'en']) {
  mkdirSync(join(out, language), { recursive: true });
  const texts = TEXTS[language];
  for (let n = 0; n <= 99; n++) speak(language, String(n), `n${n}`);
  for (let h = 1; h <= 9; h++) speak(language, String(h * 100), `h${h}`);
  speak(language, texts.and, 'and');
  speak(language, texts.ticket, 'ticket');
  speak(language, texts.counter, 'counter');
  for (const letter of Object.keys(LETTERS_AR)) speak(language, texts.letter(letter), `letter-${letter}`);
}
chime();
rmSync(work, { recursive: true, force: true });

let bytes = 0;
let files = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else {
      bytes += statSync(path).size;
      files += 1;
    }
  }
};
walk(out);
console.log(`${files} clips, ${Math.round(bytes / 1024)} KiB in ${out}`);
