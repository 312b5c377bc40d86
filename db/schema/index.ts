export * from "./shops.ts";
export * from "./conversations.ts";
export * from "./messages.ts";
export * from "./classifications.ts";
export * from "./triage-items.ts";
export * from "./cards.ts";
export * from "./decisions.ts";
export * from "./outbound-replies.ts";
