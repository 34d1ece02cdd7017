/**
 * The timer's end sound: three short tones made with WebAudio (no audio file to load), and the person's
 * mute choice remembered in this browser. Browsers only play audio after a user gesture on the page; when
 * they refuse, the visual cue alone remains.
 */

const MUTE_KEY = 'journeyroom:timer-muted';

/** Whether this browser muted the timer sound (default: sound on). */
export function loadMuted(): boolean {
  try {
    return window.localStorage.getItem(MUTE_KEY) === '1';
  } catch (error) {
    console.warn('journeyroom: browser storage unavailable', error);
    return false;
  }
}

export function saveMuted(muted: boolean): void {
  try {
    window.localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch (error) {
    console.warn('journeyroom: browser storage unavailable', error);
  }
}

let context: AudioContext | undefined;
/** Chimes scheduled and not yet over: the context is suspended when the last one ends. */
let playing = 0;

/**
 * Plays the end-of-timer chime (three rising tones). Never throws. The context is suspended once the chime is
 * over: a running AudioContext keeps the browser's audio thread rendering silence (and the device's audio
 * output open) for as long as the page stays open.
 */
export function playTimerEnd(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    // Unconditionally: a suspension asked for by the previous chime may still be on its way.
    void ctx.resume();
    const start = ctx.currentTime + 0.05;
    playing++;
    const tones = [660, 880, 1100];
    tones.forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const at = start + i * 0.28;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.26);
      if (i === tones.length - 1) {
        osc.onended = () => {
          playing--;
          if (playing === 0 && ctx.state === 'running') void ctx.suspend();
        };
      }
    });
  } catch (error) {
    console.warn('journeyroom: cannot play the timer sound', error);
  }
}
