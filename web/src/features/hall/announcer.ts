import { announcementClips, type CallToAnnounce } from '@mawaeed/core/queue/announcement';

/** A pause between two announcements, so they never run into each other. */
const GAP_SECONDS = 0.8;

/**
 * Plays the board's calls one after another, never two at once: each call is a chime and the
 * call in Arabic then English, composed from the shipped clips and scheduled back to back with
 * Web Audio. A recall is simply announced again. Clips are fetched once and kept.
 */
export function createAnnouncer(options: { base?: string; onChange?: (state: AnnouncerState) => void } = {}) {
  const base = options.base ?? '/voice/';
  const buffers = new Map<string, Promise<AudioBuffer | null>>();
  const queue: CallToAnnounce[] = [];
  let context: AudioContext | null = null;
  let playing = false;
  let played = 0;

  const state = (): AnnouncerState => ({
    playing,
    queued: queue.length,
    played,
    blocked: context?.state === 'suspended',
  });
  const changed = () => options.onChange?.(state());

  function audio(): AudioContext {
    if (!context) {
      context = new AudioContext();
      context.onstatechange = changed;
    }
    return context;
  }

  function load(clip: string): Promise<AudioBuffer | null> {
    let buffer = buffers.get(clip);
    if (!buffer) {
      buffer = fetch(`${base}${clip}.opus`)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(String(r.status)))))
        .then((bytes) => audio().decodeAudioData(bytes))
        .catch(() => {
          buffers.delete(clip);
          return null;
        });
      buffers.set(clip, buffer);
    }
    return buffer;
  }

  async function play(call: CallToAnnounce) {
    const ctx = audio();
    const clips = (await Promise.all(announcementClips(call).map(load))).filter(
      (b): b is AudioBuffer => b !== null,
    );
    let at = ctx.currentTime + 0.05;
    for (const buffer of clips) {
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(ctx.destination);
      source.start(at);
      at += buffer.duration;
    }
    const seconds = at - ctx.currentTime + GAP_SECONDS;
    // A suspended context (no autoplay permission yet) does not advance: don't wait on it forever.
    await new Promise((resolve) => setTimeout(resolve, ctx.state === 'running' ? seconds * 1000 : 0));
  }

  async function drain() {
    if (playing) return;
    playing = true;
    changed();
    while (queue.length > 0) {
      const next = queue.shift();
      changed();
      if (next) await play(next).catch(() => {});
      played += 1;
      changed();
    }
    playing = false;
    changed();
  }

  return {
    announce(call: CallToAnnounce) {
      queue.push(call);
      void drain();
    },
    /** After a click (browsers without the kiosk autoplay flag need one before sound plays). */
    async unlock() {
      await audio().resume();
      changed();
    },
    state,
    close() {
      queue.length = 0;
      void context?.close();
    },
  };
}

export type AnnouncerState = { playing: boolean; queued: number; played: number; blocked: boolean };
export type Announcer = ReturnType<typeof createAnnouncer>;
