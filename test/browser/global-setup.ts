import { execSync } from 'node:child_process';

/** Builds the app once for every browser test file (they serve dist/ themselves). */
export default function setup(): void {
  if (process.env.SKIP_BUILD === '1') return;
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
