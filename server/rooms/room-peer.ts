/** What a room needs from a connection (its own module so the room's helpers can name it without a cycle). */
export interface RoomPeer {
  readonly id: string;
  /** Sends one binary frame (drops it when the socket is not open). */
  send(data: Uint8Array): void;
  /** Closes the connection with a close code and a short reason. */
  close(code: number, reason: string): void;
}
