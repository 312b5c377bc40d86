/** Prefixed, time-sortable ids (`msg_…`, `itm_…`): greppable in logs and self-describing in action ids. */
export type IdPrefix = "shp" | "cnv" | "msg" | "evt" | "cls" | "itm" | "crd" | "dec" | "rep" | "tpl" | "drf" | "dig" | "alr" | "sla";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  const time = now.toString(36).padStart(9, "0");
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let rand = "";
  for (const b of bytes) rand += ALPHABET[b % 36];
  return `${prefix}_${time}${rand}`;
}
