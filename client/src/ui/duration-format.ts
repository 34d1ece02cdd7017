/** How a length of time reads in the facilitator panel: `5 min`, `1 h 05 min` (rounded to the minute). */

/** Milliseconds as whole minutes, with hours once it reaches an hour. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
