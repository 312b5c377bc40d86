/**
 * PII redaction for the retraining export: the decision log keeps the buyer's words for the
 * classifier, but not the e-mail addresses, phone numbers, links or long ids that identify them.
 */
const RULES: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]"],
  [/\bhttps?:\/\/\S+|\bwww\.\S+/gi, "[url]"],
  // Phone numbers and order/tracking numbers: 7+ digits, allowing spaces, dots and dashes inside.
  [/\+?\d[\d\s.-]{5,}\d/g, "[number]"],
];

export function redactPii(text: string): string {
  return RULES.reduce((out, [pattern, token]) => out.replace(pattern, token), text);
}
