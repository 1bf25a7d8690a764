/**
 * The assistant ends a useful answer with one line `Prompt: …`; "Apply to prompt" takes that line
 * (the last one, if it wrote several), or the whole answer when it wrote none.
 */
const promptLine = /^\s*(?:\*\*)?prompt(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/gim;

export function suggestedPrompt(answer: string): string {
  const lines = [...answer.matchAll(promptLine)];
  const last = lines.at(-1)?.[1]?.replace(/^["“]|["”]$/g, "").trim();
  return last || answer.trim();
}
