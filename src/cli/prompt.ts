import { createInterface } from 'node:readline';

/** Asks one question; returns the answer, or the default when the answer is empty. */
export type Ask = (question: string, options?: { default?: string; choices?: { value: string; label: string }[] }) => Promise<string>;

/** Questions in the terminal. Only used when a person is there (a TTY and not CI). */
export function terminalAsk(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): { ask: Ask; close: () => void } {
  const rl = createInterface({ input, output });
  // Reading lines through the iterator keeps answers typed (or pasted) ahead of their question.
  const lines = rl[Symbol.asyncIterator]();
  const readAnswer = async (prompt: string) => {
    output.write(prompt);
    const next = await lines.next();
    if (next.done) throw new PromptCancelled();
    return String(next.value);
  };
  const ask: Ask = async (question, options = {}) => {
    const { choices } = options;
    if (choices) output.write(`${choices.map((c, i) => `  ${i + 1}. ${c.label}`).join('\n')}\n`);
    for (;;) {
      const suffix = options.default ? `（直接回车：${options.default}）` : '';
      const answer = (await readAnswer(`${question}${suffix}：`)).trim() || options.default || '';
      if (!choices) {
        if (answer) return answer;
        continue;
      }
      const byNumber = choices[Number(answer) - 1];
      const chosen = byNumber ?? choices.find((c) => c.value === answer);
      if (chosen) return chosen.value;
      output.write(`请输入 1 到 ${choices.length} 之间的数字。\n`);
    }
  };
  return { ask, close: () => rl.close() };
}

/** The person ended the dialogue (Ctrl+D, Ctrl+C). */
export class PromptCancelled extends Error {
  constructor() {
    super('已取消。');
  }
}

/** A person at a terminal, not a script or CI job. */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;
}
