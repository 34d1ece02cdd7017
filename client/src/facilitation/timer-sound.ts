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

/** Plays the end-of-timer chime (three rising tones). Never throws. */
export function playTimerEnd(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.05;
    [660, 880, 1100].forEach((frequency, i) => {
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
    });
  } catch (error) {
    console.warn('journeyroom: cannot play the timer sound', error);
  }
}
