import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

describe('the project', () => {
  it('type-checks under strict TypeScript', async () => {
    const result = await execa('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { reject: false });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  }, 120_000);
});
