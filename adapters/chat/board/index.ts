/**
 * The local web board as a ChatSurface. Its "post" is the `cards` row itself: the board renders
 * every card from the database on request, so posting and updating only wake the open boards.
 * Nothing leaves the process, so there is no outcome to lose and nothing to look up after a crash
 * beyond the row the pipeline already keeps.
 */
import type { CardModel, CardRef, ChatSurface } from "../../../src/ports.ts";
import type { BoardChanges } from "./changes.ts";

/** The workspace id (and channel) the board is registered under in `Deps.surfaces`. */
export const BOARD_WORKSPACE = "board";

export function createBoardSurface(changes: BoardChanges): ChatSurface {
  return {
    surface: "board",
    async postCard(_channel: string, card: CardModel, idempotencyKey: string): Promise<CardRef> {
      changes.changed(card.itemId);
      return { channel: BOARD_WORKSPACE, ts: idempotencyKey };
    },
    async findPostedCard(_channel: string, idempotencyKey: string): Promise<CardRef | null> {
      // The card is the row: once the pipeline claimed it, it is on the board.
      return { channel: BOARD_WORKSPACE, ts: idempotencyKey };
    },
    async updateCard(_ref: CardRef, card: CardModel): Promise<void> {
      changes.changed(card.itemId);
    },
    async openEditor(): Promise<void> {
      // The board edits inline: the page already holds the draft in the card's own form, and the
      // edited text goes straight to `decide` as an "edit". Nothing to open on the server side.
    },
    async notifyUser(_channel: string, userId: string, text: string): Promise<void> {
      changes.notify({ userId, text });
    },
    // The board is never an alert or SLA-notice route (it has no managers' channel and no
    // threads: it shows the deadline on the card itself). These keep the port total.
    async postAlert(_channel: string, _alert, idempotencyKey: string): Promise<CardRef> {
      return { channel: BOARD_WORKSPACE, ts: idempotencyKey };
    },
    async findPostedAlert(): Promise<CardRef | null> {
      return null;
    },
    async updateAlert(): Promise<void> {},
    async cardLink(): Promise<string | null> {
      return null;
    },
    async buzz(): Promise<void> {},
    async postNotice(_target, _notice, idempotencyKey: string): Promise<CardRef> {
      return { channel: BOARD_WORKSPACE, ts: idempotencyKey };
    },
    async findPostedNotice(): Promise<CardRef | null> {
      return null;
    },
  };
}
