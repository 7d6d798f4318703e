import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../security-headers';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's intranet configurations must send the policy the app is tested under, word for word. */
describe('security headers', () => {
  it('the nginx snippet sends the same policy and nosniff', () => {
    expect(readme).toContain(`add_header Content-Security-Policy "${CONTENT_SECURITY_POLICY}" always;`);
    expect(readme).toContain('add_header X-Content-Type-Options "nosniff" always;');
  });

  it('the IIS snippet sends the same policy and nosniff', () => {
    expect(readme).toContain(`<add name="Content-Security-Policy" value="${CONTENT_SECURITY_POLICY}" />`);
    expect(readme).toContain('<add name="X-Content-Type-Options" value="nosniff" />');
  });

  it('allows no inline script, eval, plugin, base, form target or foreign connection', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    for (const d of ['object-src', 'base-uri', 'form-action']) expect(directives.get(d)).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:/);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });

  it('adds an intranet tile server to connect-src and img-src only, and only when named', () => {
    const policy = buildContentSecurityPolicy(['https://tiles.example.gov.cn']);
    const directive = (name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));
    expect(directive('connect-src')).toBe("connect-src 'self' https://tiles.example.gov.cn");
    expect(directive('img-src')).toBe("img-src 'self' data: https://tiles.example.gov.cn");
    expect(directive('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(buildContentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
  });
});
