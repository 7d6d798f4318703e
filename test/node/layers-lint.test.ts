import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

interface Planted {
  at: string;
  code: string;
}

const fixture = JSON.parse(readFileSync('test/fixtures/lint/planted-imports.json', 'utf8')) as {
  refused: Planted[];
  allowed: Planted[];
};

/** The project's own ESLint config, run on a planted file as if it stood at `at`. */
async function layerMessages({ at, code }: Planted): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath: at });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/one-way').map((m) => m.message);
}

describe('imports flow one way: core ← views ← app', () => {
  it.each(fixture.refused)('refuses an upward import planted in $at', async (planted) => {
    const messages = await layerMessages(planted);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/must not import from src\/(views|app)/);
  });

  it.each(fixture.allowed)('allows a downward or same-layer import in $at', async (planted) => {
    expect(await layerMessages(planted)).toEqual([]);
  });
});
