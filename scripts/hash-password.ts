/** `npm run hash-password -- <password>` (or on stdin): prints a PBKDF2 hash for CONFIG_FILE board users. */
import { readFileSync } from "node:fs";
import { hashPassword } from "../handlers/http/auth/passwords.ts";

const password = process.argv[2] ?? readFileSync(0, "utf8").replace(/\r?\n$/, "");
if (!password) {
  console.error("usage: npm run hash-password -- <password>   (or pipe it on stdin)");
  process.exit(1);
}
console.log(await hashPassword(password));
