// Browser tests drive Debian's Chromium with playwright-core; install it when it is missing
// (CI starts from a clean machine; apt-get needs root, which CI and the dev machines have).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);
console.log(`[ensure-chromium] ${CHROMIUM} not found: installing Debian's chromium package…`);
const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
  stdio: 'inherit',
});
if (!existsSync(CHROMIUM)) {
  console.error('[ensure-chromium] chromium is still missing after apt-get install');
  process.exit(1);
}
